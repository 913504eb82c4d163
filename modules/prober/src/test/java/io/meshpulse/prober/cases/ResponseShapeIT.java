package io.meshpulse.prober.cases;

import static io.meshpulse.prober.cases.ProberRig.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prober cases P4 and P5 (shared/cases/prober.md): responses whose shape trips naive clients. */
class ResponseShapeIT {

  /** P4: {@code 204} with {@code Content-Encoding: gzip} and no body: nothing to decode, nothing wrong. */
  @Test
  void noContentWithGzipEncodingIsHealthy() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p4", Behaviour.noContentGzip())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), fleet.cards())) {
      // When
      HealthCheckResult result = resultOf(prober.round(), "p4");

      // Then
      assertEquals(AgentHealth.HEALTHY, result.getHealth(), result::toString);
      assertEquals(204, result.getHttpStatus());
      assertNull(result.getError());
      assertNull(result.getFailureKind());
    }
  }

  /** P5: a redirect to itself, forever; timeout 5 s. */
  @Test
  void redirectLoopFailsFastAfterBoundedHops() throws Exception {
    // Given
    Duration timeout = Duration.ofSeconds(5);
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p5", Behaviour.redirectLoop())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s", "max-redirects", "5"), fleet.cards())) {
      // When
      long start = System.nanoTime();
      HealthCheckResult result = resultOf(prober.round(), "p5");
      long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

      // Then
      assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
      assertEquals(FailureKind.REDIRECT, result.getFailureKind(), result::toString);
      assertTrue(result.getError().startsWith("too many redirects"), result::toString);
      long hops = fleet.agent("p5").requests();
      assertTrue(hops >= 1 && hops <= 1 + 5, "bounded hops: " + hops + " requests");
      assertTrue(tookMs < timeout.toMillis() / 5, "long before the timeout: " + tookMs + " ms");
    }
  }

  /** P5 variant: redirects that never repeat a URL are cut at max-redirects. */
  @Test
  void endlessDistinctRedirectsStopAtMaxRedirects() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p5", Behaviour.redirectChain())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s", "max-redirects", "3"), fleet.cards())) {
      // When
      long start = System.nanoTime();
      HealthCheckResult result = resultOf(prober.round(), "p5");
      long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

      // Then
      assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
      assertEquals(FailureKind.REDIRECT, result.getFailureKind(), result::toString);
      assertTrue(result.getError().startsWith("too many redirects"), result::toString);
      assertEquals(1 + 3, fleet.agent("p5").requests(), "the first request and 3 redirects followed");
      assertTrue(tookMs < 1_000, "long before the timeout: " + tookMs + " ms");
    }
  }
}
