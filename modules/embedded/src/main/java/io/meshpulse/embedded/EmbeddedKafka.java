package io.meshpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, on loopback.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the ports and the log directory, so clients reconnect
 * to the same address and find their data. {@link #close()} stops the broker and deletes the data
 * directory when it is a temporary one.
 *
 * <p>The broker logs about a thousand lines at INFO while starting: set the loggers {@code kafka},
 * {@code org.apache.kafka} and {@code state.change.logger} to WARN (the testkit's
 * {@code logback-test.xml} does; so must the application's logging configuration).
 *
 * <p>Like any Kafka broker, it halts the JVM on a fault it cannot recover from (e.g. its log directory
 * deleted while it runs): keep the data directory to this class.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Options options;
  private final Path dataDir;
  private final boolean temporaryDataDir;
  private final int brokerPort;
  private final int controllerPort;
  private KraftNode node;
  private boolean closed;

  private EmbeddedKafka(Options options, Path dataDir, boolean temporaryDataDir, int brokerPort, int controllerPort) {
    this.options = options;
    this.dataDir = dataDir;
    this.temporaryDataDir = temporaryDataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker with the default options: a temporary data directory and a free port. */
  public static EmbeddedKafka start() {
    return start(Options.defaults());
  }

  /** Starts a broker and returns once it answers {@code Admin.describeCluster()}. */
  public static EmbeddedKafka start(Options options) {
    boolean temporary = options.dataDir() == null;
    Path dir = temporary ? createTempDir() : createDir(options.dataDir());
    int brokerPort = options.brokerPort() == 0 ? freePort() : options.brokerPort();
    EmbeddedKafka kafka = new EmbeddedKafka(options, dir, temporary, brokerPort, freePort());
    try {
      kafka.restart();
    } catch (RuntimeException | Error e) {
      // an Error too: Kafka's classes fail to initialize when the JVM is already shutting down
      kafka.close();
      throw e;
    }
    return kafka;
  }

  /** {@code host:port} of the broker's listener; the same across {@link #stop()} and {@link #restart()}. */
  public String bootstrapServers() {
    return BrokerProperties.bootstrapServers(brokerPort);
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return node != null;
  }

  /** Stops the broker, keeping its ports and data for {@link #restart()}. Does nothing when stopped. */
  public synchronized void stop() {
    if (node == null) {
      return;
    }
    long start = System.nanoTime();
    node.stop();
    node = null;
    LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(), millisSince(start));
  }

  /**
   * Starts the broker again on the same ports and data directory (stopping it first if it runs), and
   * returns once it answers {@code Admin.describeCluster()}.
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("embedded Kafka at " + bootstrapServers() + " is closed");
    }
    stop();
    long start = System.nanoTime();
    Map<String, String> props = BrokerProperties.of(dataDir, brokerPort, controllerPort, options.brokerProperties());
    node = KraftNode.start(props, dataDir);
    awaitReady(options.startTimeout());
    LOG.info("Kafka broker ready at {} in {} ms (data in {})", bootstrapServers(), millisSince(start), dataDir);
  }

  /** Stops the broker and deletes the data directory when it is a temporary one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    if (temporaryDataDir) {
      TempDirs.deleteRecursively(dataDir);
    }
  }

  private void awaitReady(Duration timeout) {
    int timeoutMillis = (int) timeout.toMillis();
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMillis, 30_000),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMillis);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis))
          .nodes().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka at " + bootstrapServers(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " did not answer Admin.describeCluster() within "
          + timeout.toMillis() + " ms (data in " + dataDir + ")", e);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("meshpulse-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for Kafka", e);
    }
  }

  private static Path createDir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Kafka data directory " + dir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  /**
   * How to start the broker.
   *
   * @param dataDir where the log lives; {@code null} for a fresh temporary directory deleted on close
   * @param brokerPort the client listener's port on 127.0.0.1; 0 picks a free one
   * @param brokerProperties broker settings applied over the single-node defaults
   * @param startTimeout how long to wait for the broker to answer once started
   */
  public record Options(Path dataDir, int brokerPort, Map<String, String> brokerProperties, Duration startTimeout) {

    public Options {
      if (brokerPort < 0 || brokerPort > 65535) {
        throw new IllegalArgumentException("brokerPort: must be 0..65535, got " + brokerPort);
      }
      brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties"));
      Objects.requireNonNull(startTimeout, "startTimeout");
    }

    public static Options defaults() {
      return new Options(null, 0, Map.of(), Duration.ofSeconds(60));
    }

    public Options withDataDir(Path dir) {
      return new Options(dir, brokerPort, brokerProperties, startTimeout);
    }

    public Options withBrokerPort(int port) {
      return new Options(dataDir, port, brokerProperties, startTimeout);
    }

    /** Adds or replaces one broker setting. */
    public Options withBrokerProperty(String key, String value) {
      Map<String, String> props = new LinkedHashMap<>(brokerProperties);
      props.put(key, value);
      return new Options(dataDir, brokerPort, props, startTimeout);
    }

    public Options withStartTimeout(Duration timeout) {
      return new Options(dataDir, brokerPort, brokerProperties, timeout);
    }
  }
}
