package io.meshpulse.bench;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's fleet: {@code agents} agents, each checked once per {@link #INTERVAL} as a prober
 * publishes it (95 % HEALTHY, 3 % DEGRADED, 2 % UNHEALTHY, lognormal response times), and producers
 * configured like the prober's (idempotent, lz4).
 */
final class BenchFleet {

  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final List<String> CAPABILITIES = List.of("search", "chat", "invoices", "refunds", "summarize");

  private final int agents;
  private final Random random = new Random(4);

  BenchFleet(int agents) {
    this.agents = agents;
  }

  int agents() {
    return agents;
  }

  static String name(int agent) {
    return String.format("agent-%05d", agent);
  }

  List<AgentCard> cards() {
    return IntStream.range(0, agents).mapToObj(i -> AgentCard.newBuilder()
        .setName(name(i))
        .setUrl("http://10.0." + (i / 250) + "." + (i % 250) + ":8080/health")
        .setCapabilities(List.of(CAPABILITIES.get(i % CAPABILITIES.size())))
        .build()).toList();
  }

  /** Agent {@code agent}'s check of round {@code round}, the rounds starting at {@code start}, spread over the interval. */
  HealthCheckResult roundCheck(int agent, long round, Instant start) {
    Instant at = start.plus(INTERVAL.multipliedBy(round)).plusMillis(agent * INTERVAL.toMillis() / agents);
    return check(agent, round, at);
  }

  /** A check of agent {@code agent} made at {@code at}. */
  HealthCheckResult check(int agent, long round, Instant at) {
    double pick = random.nextDouble();
    AgentHealth health = pick < 0.95 ? AgentHealth.HEALTHY : pick < 0.98 ? AgentHealth.DEGRADED : AgentHealth.UNHEALTHY;
    boolean failed = health == AgentHealth.UNHEALTHY;
    double ms = 20 * Math.exp(0.6 * random.nextGaussian()) * (health == AgentHealth.DEGRADED ? 20 : 1);
    return HealthCheckResult.newBuilder()
        .setAgent(name(agent))
        .setUrl("http://10.0." + (agent / 250) + "." + (agent % 250) + ":8080/health")
        .setHealth(health)
        .setResponseTimeMs(ms)
        .setFirstByteMs(ms * 0.8)
        .setHttpStatus(failed ? 503 : 200)
        .setError(failed ? "HTTP 503" : null)
        .setFailureKind(failed ? FailureKind.HTTP_STATUS : null)
        .setCheckedAt(at)
        .setProberId("bench-prober")
        .setRoundId(round)
        .setTimeoutMs(5000)
        .build();
  }

  /** A producer like the prober's; {@code lingerMs} 5 as the prober, more for bulk loading. */
  static KafkaProducer<String, HealthCheckResult> checksProducer(String bootstrapServers, int lingerMs) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new StringSerializer(), MeshSerdes.checkResult().serializer());
  }

  /** Produces {@code checks} checks, round after round over all agents, and waits until all are written. */
  void produceRounds(KafkaProducer<String, HealthCheckResult> producer, String topic, long checks, Instant start) {
    for (long n = 0; n < checks; n++) {
      HealthCheckResult check = roundCheck((int) (n % agents), n / agents, start);
      producer.send(new ProducerRecord<>(topic, check.getAgent(), check));
    }
    producer.flush();
  }
}
