package io.meshpulse.query;

import io.meshpulse.schema.AgentWindowStats;

/** One window of an agent's statistics, without the sketch bytes. */
public record WindowView(String start, String end, long count, long healthyCount, long degradedCount,
    long unhealthyCount, double healthyRatio, Double latencyMinMs, Double latencyMeanMs, Double latencyMaxMs,
    Double latencyP50Ms, Double latencyP95Ms, Double latencyP99Ms, String lastError) {

  static WindowView of(AgentWindowStats s) {
    return new WindowView(s.getWindowStart().toString(), s.getWindowEnd().toString(), s.getCount(),
        s.getHealthyCount(), s.getDegradedCount(), s.getUnhealthyCount(), Decimals.ratio(s.getHealthyRatio()),
        Decimals.millis(s.getLatencyMinMs()), Decimals.millis(s.getLatencyMeanMs()), Decimals.millis(s.getLatencyMaxMs()),
        Decimals.millis(s.getLatencyP50Ms()), Decimals.millis(s.getLatencyP95Ms()), Decimals.millis(s.getLatencyP99Ms()),
        s.getLastError());
  }
}
