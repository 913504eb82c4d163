package io.meshpulse.prober.cases;

import static io.meshpulse.prober.cases.ProberRig.resultOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.http.HttpSettings;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prober cases P6 and P7 (shared/cases/prober.md): bodies that never end, slowly or quickly, are
 * cut at the timeout and at the body cap, and the connection is dropped rather than drained.
 */
class BodyLimitsIT {

  private static final Logger LOG = LoggerFactory.getLogger(BodyLimitsIT.class);
  private static final long MB = 1024 * 1024;

  /** P6: headers at once, then one body byte every 500 ms, forever; timeout 2 s. */
  @Test
  void tricklingBodyIsCutAtTheTimeout() throws Exception {
    // Given
    Duration timeout = Duration.ofSeconds(2);
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("p6", Behaviour.trickle(Duration.ofMillis(500)))));
         ProberRig prober = ProberRig.start(Map.of("timeout", "2s"), fleet.cards())) {
      // When
      long start = System.nanoTime();
      HealthCheckResult result = resultOf(prober.round(), "p6");
      double tookMs = (System.nanoTime() - start) / 1e6;

      // Then
      assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
      assertEquals(FailureKind.TIMEOUT, result.getFailureKind(), result::toString);
      assertEquals("timeout after 2000 ms (response body incomplete)", result.getError());
      assertEquals(200, result.getHttpStatus(), "the head arrived before the cut");
      assertNotNull(result.getFirstByteMs(), "time to first byte recorded");
      assertTrue(result.getFirstByteMs() < 500, "the head came at once: " + result);
      double checkMs = result.getQueuedMs() + result.getResponseTimeMs();
      LOG.info(String.format(Locale.ROOT, "P6 cut: check %.1f ms (deadline %d ms, %+.1f ms), round %.1f ms",
          checkMs, timeout.toMillis(), checkMs - timeout.toMillis(), tookMs));
      assertTrue(checkMs >= timeout.toMillis() - 1, "not before the deadline: " + checkMs + " ms");
      assertTrue(tookMs < timeout.toMillis() * 1.25, "cut at the deadline, not later: " + tookMs + " ms");
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.agent("p6").openConnections() == 0);
    }
  }

  /** P7: 200 agents each streaming a 100 MB chunked body, in one round. */
  @Test
  void hugeBodiesAreJudgedOnACappedPrefixWithTheHeapFlat() throws Exception {
    // Given
    int agents = 200;
    long bodyBytes = 100 * MB;
    List<AgentSpec> specs = IntStream.range(0, agents)
        .mapToObj(i -> AgentSpec.of("p7-" + i, Behaviour.hugeBody(bodyBytes))).toList();
    try (SimulatedFleet fleet = SimulatedFleet.start(specs);
         ProberRig prober = ProberRig.start(Map.of("timeout", "10s"), fleet.cards())) {
      long heapBefore = usedHeapAfterGc();

      // When
      RoundOutcome outcome = prober.round();

      // Then
      long heapAfter = usedHeapAfterGc();
      LOG.info("P7: round {} ms; used heap after GC {} MB before, {} MB after (cap {} KB per body)",
          Math.round(outcome.summary().wallMs()), heapBefore / MB, heapAfter / MB, HttpSettings.DEFAULT_BODY_CAP / 1024);
      assertEquals(agents, outcome.results().size());
      outcome.results().forEach(r -> {
        assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString);
        assertEquals(200, r.getHttpStatus());
      });
      assertTrue(outcome.summary().wallMs() < 10_000, "no body was read to its end: " + outcome.summary().line());
      assertTrue(heapAfter - heapBefore < 64 * MB,
          "heap grew from " + heapBefore / MB + " MB to " + heapAfter / MB + " MB");
      await().atMost(Duration.ofSeconds(30)).until(() -> fleet.openConnections() == 0);
    }
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
