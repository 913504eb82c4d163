package io.meshpulse.app.reference;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checks of one window, in the order they were read, and the statistics a user expects of
 * them, computed the plain way: counts, exact min/mean/max, percentiles of nearest rank from the
 * sorted response times.
 */
final class ReferenceWindow {

  private final List<HealthCheckResult> checks = new ArrayList<>();

  void add(HealthCheckResult check) {
    checks.add(check);
  }

  Figures.Window figures(String agent, Instant start, Instant end) {
    long healthy = checks.stream().filter(c -> c.getHealth() == AgentHealth.HEALTHY).count();
    long degraded = checks.stream().filter(c -> c.getHealth() == AgentHealth.DEGRADED).count();
    long unhealthy = checks.stream().filter(c -> c.getHealth() == AgentHealth.UNHEALTHY).count();
    // a check without a response (a timeout, a refused connection) says nothing of latency
    double[] latencies = checks.stream().filter(c -> c.getHttpStatus() != null)
        .mapToDouble(HealthCheckResult::getResponseTimeMs).toArray();
    double sum = 0;
    for (double ms : latencies) {
      sum += ms; // in reading order, as a running sum would add them
    }
    double[] sorted = latencies.clone();
    Arrays.sort(sorted);
    boolean none = sorted.length == 0;
    return new Figures.Window(agent, start, end, checks.size(), healthy, degraded, unhealthy,
        (double) healthy / checks.size(),
        none ? null : sorted[0], none ? null : sum / sorted.length, none ? null : sorted[sorted.length - 1],
        none ? null : nearestRank(sorted, 50), none ? null : nearestRank(sorted, 95), none ? null : nearestRank(sorted, 99),
        lastError());
  }

  /** The ⌈p/100 · n⌉-th smallest value, in whole-number arithmetic. */
  static double nearestRank(double[] sorted, int percent) {
    int rank = (percent * sorted.length + 99) / 100;
    return sorted[Math.max(rank, 1) - 1];
  }

  /** The error of the failed check with the latest check time; of two at the same time, the one read last. */
  private String lastError() {
    HealthCheckResult latest = null;
    for (HealthCheckResult check : checks) {
      if (check.getError() != null && (latest == null || !check.getCheckedAt().isBefore(latest.getCheckedAt()))) {
        latest = check;
      }
    }
    return latest == null ? null : latest.getError();
  }
}
