package io.meshpulse.prober.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.prober.round.RoundSummary;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round over a mixed fleet, published to a real broker and read back from the checks topic:
 * the round lasts about the timeout, not the sum of the latencies, and each agent's verdict is
 * the one a person would give it.
 */
@MeshpulseKafka
class ProbeRoundIT {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeRoundIT.class);
  private static final Duration LATENCY = Duration.ofMillis(200);
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final int HEALTHY_AGENTS = 10;
  private static final Map<String, String> SETTINGS = Map.of("timeout", "1s");

  @Test
  void roundTakesAboutTheTimeoutNotTheSumOfLatencies() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(mixedFleet());
         ProberRig prober = ProberRig.start(SETTINGS, fleet.cards())) {
      // When
      RoundOutcome outcome = prober.round();

      // Then
      RoundSummary summary = outcome.summary();
      HealthCheckResult hung = ProberRig.resultOf(outcome, "hung");
      LOG.info(String.format(Locale.ROOT, "%s; hung agent cut %+.1f ms after its deadline", summary.line(),
          hung.getQueuedMs() + hung.getResponseTimeMs() - TIMEOUT.toMillis()));
      double sumOfLatencies = HEALTHY_AGENTS * LATENCY.toMillis() + TIMEOUT.toMillis();
      assertTrue(summary.wallMs() >= TIMEOUT.toMillis(), "the hung agent's check lasts its timeout: " + summary.line());
      assertTrue(summary.wallMs() < 2.0 * TIMEOUT.toMillis(),
          "round took " + summary.wallMs() + " ms; sum of latencies " + sumOfLatencies + " ms");
      assertEquals(12, summary.total());
      assertEquals(HEALTHY_AGENTS, summary.healthy());
      assertEquals(2, summary.unhealthy());
    }
  }

  @Test
  void eachAgentsVerdictIsPublishedOnceKeyedByName(KafkaCluster kafka, TestNames names) throws Exception {
    // Given
    String topic = kafka.createTopics(names.topics(), 1).checks();
    try (SimulatedFleet fleet = SimulatedFleet.start(mixedFleet())) {
      KafkaResultPublisher publisher = new KafkaResultPublisher(topic, ClientProperties.of(kafka), 1_000,
          new SimpleMeterRegistry());
      try (ProberRig prober = ProberRig.start(SETTINGS, fleet.cards(), Clock.systemUTC(), publisher)) {
        // When
        prober.round();
      } finally {
        publisher.close(Duration.ofSeconds(30));
      }
    }

    // Then
    List<ConsumerRecord<String, HealthCheckResult>> records = kafka.readUntil(topic, new StringDeserializer(),
        MeshSerdes.checkResult().deserializer(), read -> read.size() >= 12, Duration.ofSeconds(30));
    assertEquals(12, records.size(), "one result per agent: " + records);
    records.forEach(r -> assertEquals(r.key(), r.value().getAgent(), "keyed by agent name"));
    Map<String, HealthCheckResult> byAgent = records.stream()
        .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
    assertEquals(12, byAgent.size(), "one result per agent: " + byAgent.keySet());
    for (int i = 0; i < HEALTHY_AGENTS; i++) {
      assertAnsweredAfterItsLatency(byAgent.get("healthy-" + i));
    }
    assertTimedOut(byAgent.get("hung"));
    assertRefused(byAgent.get("down"));
  }

  @Test
  void emptyFleetGivesAnEmptyRound() throws Exception {
    // Given
    try (ProberRig prober = ProberRig.start(SETTINGS, List.of())) {
      // When
      RoundOutcome outcome = prober.round();

      // Then
      assertTrue(outcome.results().isEmpty());
      assertEquals(0, outcome.summary().total());
      assertEquals(0, outcome.summary().healthy());
      assertTrue(outcome.summary().line().contains("0/0 healthy"), outcome.summary().line());
    }
  }

  private static void assertAnsweredAfterItsLatency(HealthCheckResult result) {
    assertEquals(AgentHealth.HEALTHY, result.getHealth(), result::toString);
    assertTrue(result.getResponseTimeMs() >= LATENCY.toMillis(), result::toString);
    assertTrue(result.getResponseTimeMs() < TIMEOUT.toMillis() * 0.7, "well below the timeout: " + result);
    assertEquals(200, result.getHttpStatus());
    assertEquals(null, result.getError());
  }

  private static void assertTimedOut(HealthCheckResult result) {
    assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
    assertEquals(FailureKind.TIMEOUT, result.getFailureKind(), result::toString);
    assertEquals("timeout after 1000 ms (no response)", result.getError());
    assertEquals(TIMEOUT.toMillis(), result.getTimeoutMs());
  }

  private static void assertRefused(HealthCheckResult result) {
    assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
    assertEquals(FailureKind.CONNECT, result.getFailureKind(), result::toString);
    assertTrue(result.getError().contains("connection refused"), result::toString);
    assertEquals(null, result.getHttpStatus());
  }

  private static List<AgentSpec> mixedFleet() {
    List<AgentSpec> specs = new ArrayList<>(IntStream.range(0, HEALTHY_AGENTS)
        .mapToObj(i -> AgentSpec.of("healthy-" + i, Behaviour.healthy(LATENCY))).toList());
    specs.add(AgentSpec.of("hung", Behaviour.hung()));
    specs.add(AgentSpec.of("down", Behaviour.down()));
    return specs;
  }
}
