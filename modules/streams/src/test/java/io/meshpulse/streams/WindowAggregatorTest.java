package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAggregatorTest {

  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  private static final double ACCURACY = 0.005;

  private final WindowAggregator aggregator = new WindowAggregator(ACCURACY);

  private AgentWindowStats fold(HealthCheckResult... checks) {
    AgentWindowStats stats = aggregator.initial();
    for (HealthCheckResult check : checks) {
      stats = aggregator.apply(check.getAgent(), check, stats);
    }
    return stats;
  }

  @Test
  void countsChecksByHealth() {
    AgentWindowStats stats = fold(
        Checks.check("a", HEALTHY, T), Checks.check("a", HEALTHY, T.plusSeconds(1)),
        Checks.check("a", DEGRADED, T.plusSeconds(2)), Checks.timeout("a", T.plusSeconds(3)));

    assertEquals("a", stats.getAgent());
    assertEquals(4, stats.getCount());
    assertEquals(2, stats.getHealthyCount());
    assertEquals(1, stats.getDegradedCount());
    assertEquals(1, stats.getUnhealthyCount());
    assertEquals(0.5, stats.getHealthyRatio(), 1e-12);
  }

  @Test
  void latencyCoversOnlyChecksThatGotAResponse() {
    AgentWindowStats stats = fold(
        Checks.check("a", HEALTHY, T, 10.0), Checks.check("a", DEGRADED, T.plusSeconds(1), 40.0),
        Checks.timeout("a", T.plusSeconds(2)), Checks.check("a", UNHEALTHY, T.plusSeconds(3), 25.0));

    assertEquals(3, stats.getLatencyCount());
    assertEquals(75.0, stats.getLatencySumMs(), 1e-9);
    assertEquals(10.0, stats.getLatencyMinMs());
    assertEquals(25.0, stats.getLatencyMeanMs(), 1e-9);
    assertEquals(40.0, stats.getLatencyMaxMs());
  }

  @Test
  void windowWithoutResponsesHasNoLatency() {
    AgentWindowStats stats = fold(Checks.timeout("a", T), Checks.timeout("a", T.plusSeconds(1)));

    assertEquals(0, stats.getLatencyCount());
    assertNull(stats.getLatencyMinMs());
    assertNull(stats.getLatencyMeanMs());
    assertNull(stats.getLatencyP99Ms());
    assertEquals(0, stats.getLatencySketch().remaining());
  }

  @Test
  void percentilesAreWithinOnePercentOfExactNearestRank() {
    double[] samples = lognormal(100_000, 20300101L);

    AgentWindowStats stats = foldLatencies(samples);

    Arrays.sort(samples);
    assertWithinOnePercent(nearestRank(samples, 0.50), stats.getLatencyP50Ms(), "p50");
    assertWithinOnePercent(nearestRank(samples, 0.95), stats.getLatencyP95Ms(), "p95");
    assertWithinOnePercent(nearestRank(samples, 0.99), stats.getLatencyP99Ms(), "p99");
  }

  @Test
  void percentilesOfASmallWindowAreWithinOnePercentOfExactNearestRank() {
    double[] samples = lognormal(6, 42L);

    AgentWindowStats stats = foldLatencies(samples);

    Arrays.sort(samples);
    assertWithinOnePercent(samples[2], stats.getLatencyP50Ms(), "p50 (3rd of 6)");
    assertWithinOnePercent(samples[5], stats.getLatencyP95Ms(), "p95 (6th of 6)");
    assertWithinOnePercent(samples[5], stats.getLatencyP99Ms(), "p99 (6th of 6)");
  }

  @Test
  void lastErrorIsThatOfTheLatestFailedCheckByCheckTime() {
    HealthCheckResult newer = Checks.timeout("a", T.plusSeconds(20));
    HealthCheckResult olderArrivingLate = Checks.check("a", UNHEALTHY, T.plusSeconds(10));

    AgentWindowStats stats = fold(newer, Checks.check("a", HEALTHY, T.plusSeconds(30)), olderArrivingLate);

    assertEquals(newer.getError(), stats.getLastError());
    assertEquals(newer.getCheckedAt(), stats.getLastErrorAt());
  }

  /** Lognormal response times, median about 20 ms, as a real agent's spread. */
  private static double[] lognormal(int n, long seed) {
    Random random = new Random(seed);
    double[] samples = new double[n];
    for (int i = 0; i < n; i++) {
      samples[i] = Math.exp(3.0 + 0.8 * random.nextGaussian());
    }
    return samples;
  }

  private AgentWindowStats foldLatencies(double[] samples) {
    AgentWindowStats stats = aggregator.initial();
    for (int i = 0; i < samples.length; i++) {
      stats = aggregator.apply("a", Checks.check("a", HEALTHY, T.plusMillis(i), samples[i]), stats);
    }
    return stats;
  }

  private static double nearestRank(double[] sorted, double q) {
    return sorted[(int) Math.ceil(q * sorted.length) - 1];
  }

  private static void assertWithinOnePercent(double exact, double estimate, String what) {
    double relativeError = Math.abs(estimate - exact) / exact;
    assertTrue(relativeError <= 0.01, what + ": exact " + exact + ", sketch " + estimate + ", error " + relativeError);
  }
}
