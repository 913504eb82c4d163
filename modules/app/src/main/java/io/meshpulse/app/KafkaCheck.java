package io.meshpulse.app;

import io.meshpulse.schema.config.Durations;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client a command uses at start to reach Kafka (and create topics), within a bounded
 * wait. Its connection warnings are dropped ({@link ExpectedNoise}, by its client id): while it
 * waits, one per failed attempt would flood the console, and the outcome is reported once,
 * here. It is closed without waiting for its requests, which have timed out already.
 */
final class KafkaCheck implements AutoCloseable {

  /** The admin client's id; {@link ExpectedNoise} drops its "could not be established" warnings. */
  static final String CLIENT_ID = "meshpulse-kafka-check";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCheck.class);
  private static final Duration QUIET_WAIT = Duration.ofSeconds(2);

  private final Admin admin;
  private final String bootstrapServers;
  private final Duration wait;

  private KafkaCheck(Admin admin, String bootstrapServers, Duration wait) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
    this.wait = wait;
  }

  /** An admin client for {@code clientProperties}; a bad client setting is bad input (exit code 2). */
  static KafkaCheck connect(Properties clientProperties, Duration wait) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(wait.toMillis()));
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(wait.toMillis()));
    String servers = props.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    try {
      return new KafkaCheck(Admin.create(props), servers, wait);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException("Kafka client settings: " + cause.getMessage(), e);
    }
  }

  /** Waits until the cluster answers; returns its number of brokers. */
  int awaitBrokers() {
    KafkaFuture<Collection<Node>> nodes = admin.describeCluster().nodes();
    Duration quiet = QUIET_WAIT.compareTo(wait) < 0 ? QUIET_WAIT : wait;
    try {
      try {
        return nodes.get(quiet.toMillis(), TimeUnit.MILLISECONDS).size();
      } catch (TimeoutException e) {
        if (quiet.equals(wait)) {
          throw e;
        }
        LOG.info("Kafka at {} does not answer yet; waiting up to {}", bootstrapServers, Durations.format(wait));
        return nodes.get(wait.minus(quiet).toMillis(), TimeUnit.MILLISECONDS).size();
      }
    } catch (TimeoutException | ExecutionException e) {
      throw unreachable(e instanceof ExecutionException ? e.getCause() : e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while waiting for Kafka at " + bootstrapServers, e);
    }
  }

  /** Runs {@code action} with the admin client; its failure (e.g. not authorized) is Kafka's answer, in one line. */
  void use(Consumer<Admin> action) {
    try {
      action.accept(admin);
    } catch (IllegalStateException | KafkaException e) {
      throw new KafkaUnavailableException("Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private KafkaUnavailableException unreachable(Throwable cause) {
    boolean timedOut = cause instanceof TimeoutException
        || cause instanceof org.apache.kafka.common.errors.TimeoutException;
    String why = timedOut ? "within " + Durations.format(wait) : "(" + cause.getMessage() + ")";
    return new KafkaUnavailableException("cannot reach Kafka at " + bootstrapServers + " " + why
        + "; check --bootstrap-servers, that the brokers are up and reachable from here, and any --kafka or"
        + " --kafka-config security settings", cause);
  }

  @Override
  public void close() {
    // whatever is still pending has failed already: do not wait out its request timeout
    admin.close(Duration.ZERO);
  }
}
