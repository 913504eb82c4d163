package io.meshpulse.prober.cases;

import static io.meshpulse.prober.cases.ProberRig.resultOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.publish.KafkaResultPublisher;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Prober cases P8 and P10 (shared/cases/prober.md): response times come from the monotonic clock
 * and cover the agent's part only, whatever the wall clock does and however long a check waited
 * inside the prober.
 */
@MeshpulseKafka
class TimingIT {

  /**
   * An hour behind the system clock, so a stamp from the system clock cannot pass for it; not ahead
   * of it, as the broker rejects records stamped more than an hour in the future.
   */
  private static final Instant WALL_START = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

  /** P8: the prober's wall clock steps back 5 s while a check is waiting for the agent. */
  @Test
  void wallClockSteppingBackDuringACheckLeavesTheResponseTimeMonotonic(KafkaCluster kafka, TestNames names)
      throws Exception {
    // Given
    Duration latency = Duration.ofMillis(500);
    SteppingClock wall = new SteppingClock(WALL_START);
    String topic = kafka.createTopics(names.topics(), 1).checks();
    HealthCheckResult result;
    long monotonicMs;
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p8", Behaviour.healthy(latency))))) {
      KafkaResultPublisher publisher = new KafkaResultPublisher(topic, ClientProperties.of(kafka), 100,
          new SimpleMeterRegistry());
      try (ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), fleet.cards(), wall, publisher)) {
        long start = System.nanoTime();
        CompletableFuture<RoundOutcome> round = prober.roundAsync();
        await().atMost(Duration.ofSeconds(5)).until(() -> fleet.agent("p8").requests() == 1);

        // When
        wall.step(Duration.ofSeconds(-5));

        RoundOutcome outcome = round.get(30, TimeUnit.SECONDS);
        monotonicMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        result = resultOf(outcome, "p8");
      } finally {
        publisher.close(Duration.ofSeconds(30));
      }
    }

    // Then
    assertEquals(AgentHealth.HEALTHY, result.getHealth(), result::toString);
    assertTrue(result.getResponseTimeMs() >= latency.toMillis(), "at least the agent's latency: " + result);
    assertTrue(result.getResponseTimeMs() <= monotonicMs, "within the monotonic time the round took ("
        + monotonicMs + " ms): " + result);
    assertEquals(WALL_START, result.getCheckedAt(), "stamped by the injected clock when the check started");
    List<ConsumerRecord<String, HealthCheckResult>> records = kafka.readUntil(topic, new StringDeserializer(),
        MeshSerdes.checkResult().deserializer(), read -> !read.isEmpty(), Duration.ofSeconds(30));
    assertEquals(WALL_START.toEpochMilli(), records.get(0).timestamp(), "the record's event time, for windows");
    assertEquals(result, records.get(0).value());
  }

  /** P10: 20 agents, the first 5 answering after 9 s; 4 checks at a time; timeout 10 s. */
  @Test
  void timeWaitingForAConcurrencySlotIsReportedApartFromResponseTime() throws Exception {
    // Given
    Duration slow = Duration.ofSeconds(9);
    Duration fast = Duration.ofMillis(100);
    List<AgentSpec> specs = new ArrayList<>();
    IntStream.range(0, 5).forEach(i -> specs.add(AgentSpec.of("slow-" + i, Behaviour.slow(slow))));
    IntStream.range(0, 15).forEach(i -> specs.add(AgentSpec.of("fast-" + i, Behaviour.healthy(fast))));
    try (SimulatedFleet fleet = SimulatedFleet.start(specs);
         ProberRig prober = ProberRig.start(Map.of("timeout", "10s", "max-concurrency", "4"), fleet.cards())) {
      // When
      RoundOutcome outcome = prober.round();

      // Then: the fast agents waited for the 4 slow ones to free a slot, and that wait is not their latency
      double slotWaitMs = slow.toMillis() * 0.9;
      for (int i = 0; i < 15; i++) {
        HealthCheckResult r = resultOf(outcome, "fast-" + i);
        assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString);
        assertTrue(r.getResponseTimeMs() >= fast.toMillis(), r::toString);
        assertTrue(r.getResponseTimeMs() < fast.toMillis() * 5, "near the true latency: " + r);
        assertTrue(r.getQueuedMs() >= slotWaitMs, "the wait for a slot is reported apart: " + r);
      }
      for (int i = 0; i < 4; i++) {
        HealthCheckResult r = resultOf(outcome, "slow-" + i);
        assertTrue(r.getQueuedMs() < slotWaitMs, "got a slot at once: " + r);
        assertAnsweredSlowlyNotTimedOut(r, slow);
      }
      HealthCheckResult fifth = resultOf(outcome, "slow-4");
      assertTrue(fifth.getQueuedMs() >= slotWaitMs, "waited for a slot: " + fifth);
      assertAnsweredSlowlyNotTimedOut(fifth, slow);
      assertTrue(outcome.summary().wallMs() >= 2 * slow.toMillis(), "never more than 4 checks at a time: "
          + outcome.summary().line());
    }
  }

  /** 9 s is slower than the degraded threshold (1 s) but within the timeout, which starts with the slot. */
  private static void assertAnsweredSlowlyNotTimedOut(HealthCheckResult r, Duration latency) {
    assertEquals(AgentHealth.DEGRADED, r.getHealth(), r::toString);
    assertEquals(FailureKind.LATENCY, r.getFailureKind(), r::toString);
    assertTrue(r.getResponseTimeMs() >= latency.toMillis(), r::toString);
    assertTrue(r.getResponseTimeMs() < latency.toMillis() + 1_000, r::toString);
  }
}
