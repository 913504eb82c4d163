package io.meshpulse.prober.round;

import java.util.Locale;

/**
 * What one round found, for the one INFO line per round.
 *
 * @param meanResponseMs mean response time over the round's checks (0 when there were none)
 * @param wallMs         from the round's start to its last result
 * @param maxStartLagMs  how late the latest-starting check began after it was due
 * @param skipped        agents not checked because their previous check was still running
 */
public record RoundSummary(long roundId, int total, int healthy, int degraded, int unhealthy, int skipped,
    double meanResponseMs, double wallMs, double maxStartLagMs) {

  public String line() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "round %d: %d/%d healthy, %d degraded, %d unhealthy; mean response %.0f ms; wall %.0f ms",
        roundId, healthy, total, degraded, unhealthy, meanResponseMs, wallMs));
    if (skipped > 0) {
      line.append(String.format(Locale.ROOT, "; %d skipped (previous check still running)", skipped));
    }
    return line.toString();
  }

  public boolean allHealthy() {
    return healthy == total;
  }
}
