package io.meshpulse.streams;

import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Folds one agent's checks into the statistics of one window: counts by health, healthy ratio,
 * latency count/sum/min/mean/max and p50/p95/p99 (from a {@link LatencySketch} kept serialized in
 * the record), and the error of the latest failed check by check time.
 *
 * <p>Latency covers only checks that received a response ({@code http_status} set): a timeout or
 * a refused connection says nothing about how fast the agent answers.
 *
 * <p>The aggregate is updated in place and returned: Kafka Streams hands the aggregator a value
 * freshly read from the store (or made by {@link #initial}), so no one else holds it, and copying
 * it on every check cost about 5 % of the stream thread's work.
 */
public final class WindowAggregator implements Aggregator<String, HealthCheckResult, AgentWindowStats> {

  private final double relativeAccuracy;

  public WindowAggregator(double relativeAccuracy) {
    LatencySketch.create(relativeAccuracy); // validates
    this.relativeAccuracy = relativeAccuracy;
  }

  /** Statistics of a window without checks; the window itself is filled by {@link WindowedStats#stamp}. */
  public AgentWindowStats initial() {
    return AgentWindowStats.newBuilder()
        .setAgent("")
        .setWindowStart(Instant.EPOCH)
        .setWindowEnd(Instant.EPOCH)
        .build();
  }

  @Override
  public AgentWindowStats apply(String agent, HealthCheckResult check, AgentWindowStats stats) {
    stats.setAgent(agent);
    countHealth(stats, check);
    if (check.getHttpStatus() != null) {
      addLatency(stats, check.getResponseTimeMs());
    }
    if (check.getError() != null && isNewerError(stats, check.getCheckedAt())) {
      stats.setLastError(check.getError());
      stats.setLastErrorAt(check.getCheckedAt());
    }
    return stats;
  }

  private static void countHealth(AgentWindowStats stats, HealthCheckResult check) {
    long count = stats.getCount() + 1;
    stats.setCount(count);
    switch (check.getHealth()) {
      case HEALTHY -> stats.setHealthyCount(stats.getHealthyCount() + 1);
      case DEGRADED -> stats.setDegradedCount(stats.getDegradedCount() + 1);
      case UNHEALTHY -> stats.setUnhealthyCount(stats.getUnhealthyCount() + 1);
      default -> throw new IllegalArgumentException("a check is HEALTHY, DEGRADED or UNHEALTHY, got " + check.getHealth());
    }
    stats.setHealthyRatio((double) stats.getHealthyCount() / count);
  }

  private void addLatency(AgentWindowStats stats, double millis) {
    LatencySketch sketch = LatencySketch.deserializeOrCreate(bytes(stats.getLatencySketch()), relativeAccuracy);
    sketch.add(millis);
    double[] percentiles = sketch.quantiles(0.50, 0.95, 0.99);
    long n = stats.getLatencyCount() + 1;
    double sum = stats.getLatencySumMs() + millis;
    stats.setLatencyCount(n);
    stats.setLatencySumMs(sum);
    stats.setLatencyMinMs(stats.getLatencyMinMs() == null ? millis : Math.min(stats.getLatencyMinMs(), millis));
    stats.setLatencyMaxMs(stats.getLatencyMaxMs() == null ? millis : Math.max(stats.getLatencyMaxMs(), millis));
    stats.setLatencyMeanMs(sum / n);
    stats.setLatencyP50Ms(percentiles[0]);
    stats.setLatencyP95Ms(percentiles[1]);
    stats.setLatencyP99Ms(percentiles[2]);
    stats.setLatencySketch(ByteBuffer.wrap(sketch.serialize()));
  }

  private static boolean isNewerError(AgentWindowStats stats, Instant checkedAt) {
    return stats.getLastErrorAt() == null || !checkedAt.isBefore(stats.getLastErrorAt());
  }

  static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return new byte[0];
    }
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
