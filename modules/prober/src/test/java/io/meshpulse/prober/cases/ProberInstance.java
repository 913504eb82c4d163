package io.meshpulse.prober.cases;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.prober.registry.TopicAgentRegistry;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * One prober as the {@code prober} command runs it: agents from the agents topic, shared with the
 * other instances of its consumer group, results published to the checks topic (and kept here).
 */
final class ProberInstance implements AutoCloseable {

  /** The group's session timeout: the least the broker allows, so a crashed instance is noticed soon. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

  private final TopicAgentRegistry registry;
  private final KafkaResultPublisher publisher;
  private final RoundScheduler rounds;
  private final CollectedResults results = new CollectedResults();
  private boolean closed;

  private ProberInstance(Properties kafka, Topics topics, String group, String proberId, Duration interval) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    this.registry = new TopicAgentRegistry(topics.agents(), groupMember(kafka, group));
    this.publisher = new KafkaResultPublisher(topics.checks(), kafka, 10_000, meters);
    ProberConfig config = ProberConfig.fromMap(Map.of("prober-id", proberId, "interval", interval.toMillis() + "ms",
        "timeout", "2s"));
    this.rounds = new RoundScheduler(config, registry, result -> {
      results.accept(result);
      publisher.accept(result);
    }, meters, Clock.systemUTC());
  }

  /** Joins the group; rounds start with {@link #startRounds()}. */
  static ProberInstance join(Properties kafka, Topics topics, String group, String proberId, Duration interval) {
    return new ProberInstance(kafka, topics, group, proberId, interval);
  }

  void startRounds() {
    rounds.start();
  }

  /** The agents of the partitions this instance owns now. */
  List<AgentCard> agents() {
    return registry.agents();
  }

  CollectedResults results() {
    return results;
  }

  /** Stops as the command does on SIGTERM: rounds, then the publisher (flushed), then the registry (leaves the group). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    rounds.close(Duration.ofSeconds(1));
    publisher.close(Duration.ofSeconds(10));
    registry.close();
  }

  private static Properties groupMember(Properties kafka, String group) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(SESSION_TIMEOUT.toMillis()));
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
    return props;
  }
}
