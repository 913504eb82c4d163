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
 * a refused connection says nothing about how fast the agent answers. Pure: the result depends
 * on the arguments only, and the argument is not modified.
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
    AgentWindowStats.Builder next = AgentWindowStats.newBuilder(stats).setAgent(agent);
    countHealth(next, check);
    if (check.getHttpStatus() != null) {
      addLatency(next, check.getResponseTimeMs());
    }
    if (check.getError() != null && isNewerError(stats, check.getCheckedAt())) {
      next.setLastError(check.getError()).setLastErrorAt(check.getCheckedAt());
    }
    return next.build();
  }

  private static void countHealth(AgentWindowStats.Builder next, HealthCheckResult check) {
    long count = next.getCount() + 1;
    next.setCount(count);
    switch (check.getHealth()) {
      case HEALTHY -> next.setHealthyCount(next.getHealthyCount() + 1);
      case DEGRADED -> next.setDegradedCount(next.getDegradedCount() + 1);
      case UNHEALTHY -> next.setUnhealthyCount(next.getUnhealthyCount() + 1);
      default -> throw new IllegalArgumentException("a check is HEALTHY, DEGRADED or UNHEALTHY, got " + check.getHealth());
    }
    next.setHealthyRatio((double) next.getHealthyCount() / count);
  }

  private void addLatency(AgentWindowStats.Builder next, double millis) {
    LatencySketch sketch = LatencySketch.deserializeOrCreate(bytes(next.getLatencySketch()), relativeAccuracy);
    sketch.add(millis);
    double[] percentiles = sketch.quantiles(0.50, 0.95, 0.99);
    long n = next.getLatencyCount() + 1;
    double sum = next.getLatencySumMs() + millis;
    next.setLatencyCount(n)
        .setLatencySumMs(sum)
        .setLatencyMinMs(next.getLatencyMinMs() == null ? millis : Math.min(next.getLatencyMinMs(), millis))
        .setLatencyMaxMs(next.getLatencyMaxMs() == null ? millis : Math.max(next.getLatencyMaxMs(), millis))
        .setLatencyMeanMs(sum / n)
        .setLatencyP50Ms(percentiles[0])
        .setLatencyP95Ms(percentiles[1])
        .setLatencyP99Ms(percentiles[2])
        .setLatencySketch(ByteBuffer.wrap(sketch.serialize()));
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
