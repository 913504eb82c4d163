package io.meshpulse.query;

import io.meshpulse.schema.HealthCounts;

/** Effective-health counts of a group of agents. */
public record CountsView(int healthyCount, int degradedCount, int unhealthyCount, int unknownCount, int totalCount,
    double healthyRatio) {

  static CountsView of(HealthCounts c) {
    return new CountsView(c.getHealthy(), c.getDegraded(), c.getUnhealthy(), c.getUnknown(), c.getTotal(),
        Decimals.ratio(c.getHealthyRatio()));
  }

  static CountsView empty() {
    return new CountsView(0, 0, 0, 0, 0, 0.0);
  }
}
