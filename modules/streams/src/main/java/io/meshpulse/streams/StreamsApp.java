package io.meshpulse.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle around one {@link KafkaStreams} running the {@link HealthTopology}: configure,
 * start, wait for RUNNING with a deadline, expose it to the query layer, close.
 *
 * <p><b>Uncaught exceptions</b> end the client ({@code SHUTDOWN_CLIENT}) after an ERROR log. Data
 * problems never get this far — the deserialization and processing exception handlers send them
 * to the dead-letter topic — so what does is fatal or a bug (a fenced producer, a corrupt store,
 * a broken handler). Replacing the thread would replay the same records into the same failure in
 * a loop of aborted transactions; shutting the client down moves it to ERROR, which
 * {@link #awaitRunning} and health checks report, and the group hands its tasks to the other
 * instances while the process is restarted.
 */
public final class StreamsApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
  private static final String PASSTHROUGH_PREFIX = "kafka.";
  private static final int COMMIT_INTERVAL_MS = 1000;
  private static final long CACHE_MAX_BYTES = 64L * 1024 * 1024;

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final CompletableFuture<Void> firstRunning = new CompletableFuture<>();

  /**
   * @param registry where to bind Kafka Streams' metrics (including the admission counters); null for none
   */
  public StreamsApp(Topology topology, Properties streamsConfig, MeterRegistry registry) {
    this.streams = new KafkaStreams(topology, streamsConfig);
    streams.setStateListener(this::onStateChange);
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("Kafka Streams thread failed; shutting this client down", e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    this.metrics = registry == null ? null : new KafkaStreamsMetrics(streams);
    if (metrics != null) {
      metrics.bindTo(registry);
    }
  }

  /**
   * The Kafka Streams configuration for the health topology: exactly-once v2; the dead-letter
   * topic ({@code Topics.checksDeadLetter()}) with meshpulse's deserialization and processing
   * exception handlers; source-topic reuse and explicit internal names, as the topology is built
   * with; and four settings measured with the streams benchmark (1M checks of 10k agents; with
   * Kafka's defaults the stream thread spends more than twice the CPU per check):
   * <ul>
   *   <li>a <b>1 s commit interval</b> (exactly-once's default is 100 ms): a transaction then holds
   *       several checks of each agent, whose store updates the cache folds into one changelog
   *       write; transitions reach read-committed consumers (alerting) within about a second,
   *       while the query API sees every change at once (it reads the stores' cache);</li>
   *   <li>a <b>64 MiB record cache</b> ({@value StreamsConfig#STATESTORE_CACHE_MAX_BYTES_CONFIG};
   *       default 10 MiB): a status and two windows of 10,000 agents fit, so the cache does not
   *       evict — flush to RocksDB and the changelog — between commits;</li>
   *   <li><b>no task idling</b> ({@value StreamsConfig#MAX_TASK_IDLE_MS_CONFIG} -1, default 0): with 0,
   *       a task whose other input is empty (the agents topic, nearly always) formats log
   *       messages for every check it processes — 13 % of the stream thread's CPU. meshpulse needs
   *       no ordering across the two topics: a check reads its agent's card from the store, and a
   *       card read after a check applies from the next check.</li>
   *   <li><b>a stream thread per core</b> ({@value StreamsConfig#NUM_STREAM_THREADS_CONFIG}, default 1):
   *       one thread keeps one core busy at most, and an instance has as many tasks as it owns
   *       partitions of the checks topic (on 2 cores: about 46,000 checks/s with one thread, 55,000
   *       with two).</li>
   * </ul>
   *
   * <p>{@code passthrough} are Kafka properties (Streams, consumer, producer, admin), with or
   * without a {@code kafka.} prefix, which is stripped; they are applied last and win. Among
   * them: {@code application.server} (host:port of this instance's query API, for interactive
   * queries across instances), {@code state.dir}, {@code num.standby.replicas},
   * {@code replication.factor}, security settings.
   */
  @SuppressWarnings("deprecation") // global handler flag: the default from Kafka 5.0, set now to keep that behaviour
  public static Properties streamsConfig(String applicationId, String bootstrapServers, TopologyConfig config,
      Map<String, String> passthrough) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().checksDeadLetter());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    passthrough.forEach((key, value) ->
        p.put(key.startsWith(PASSTHROUGH_PREFIX) ? key.substring(PASSTHROUGH_PREFIX.length()) : key, value));
    return p;
  }

  public void start() {
    streams.start();
  }

  /**
   * Waits until Kafka Streams has reached RUNNING since {@link #start()} (and is still running or
   * rebalancing).
   *
   * @throws IllegalStateException when it has not within {@code timeout}, naming the state it is in,
   *     or when it went to ERROR or shut down first
   */
  public void awaitRunning(Duration timeout) {
    try {
      firstRunning.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + timeout.toMillis()
          + " ms; it is " + streams.state() + " (is the broker reachable, do the topics exist?)", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka Streams to reach RUNNING", e);
    }
    KafkaStreams.State now = streams.state();
    if (!now.isRunningOrRebalancing()) {
      throw new IllegalStateException("Kafka Streams reached RUNNING but is " + now + " now; see the ERROR log");
    }
  }

  /** The running Kafka Streams, for interactive queries. */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Closes Kafka Streams, waiting at most {@code timeout}; false if it did not finish in time. The
   * instance leaves the group: the others take its tasks over at once, and a restart of the same
   * instance rejoins at once rather than after the session timeout of its former self.
   */
  public boolean close(Duration timeout) {
    boolean closed = streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(timeout));
    if (metrics != null) {
      metrics.close();
    }
    if (!closed) {
      LOG.warn("Kafka Streams did not close within {} ms", timeout.toMillis());
    }
    return closed;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    LOG.info("Kafka Streams state {} -> {}", oldState, newState);
    switch (newState) {
      case RUNNING -> firstRunning.complete(null);
      case ERROR, PENDING_ERROR -> firstRunning.completeExceptionally(
          new IllegalStateException("Kafka Streams went to " + newState + " before RUNNING; see the ERROR log above"));
      case PENDING_SHUTDOWN, NOT_RUNNING -> firstRunning.completeExceptionally(
          new IllegalStateException("Kafka Streams shut down (" + newState + ") before RUNNING"));
      default -> { }
    }
  }
}
