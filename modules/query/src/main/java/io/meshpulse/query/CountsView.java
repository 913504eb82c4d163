package io.meshpulse.query;

import io.meshpulse.schema.HealthCounts;
import java.util.Collection;

/** Effective-health counts of a group of agents. */
public record CountsView(int healthyCount, int degradedCount, int unhealthyCount, int unknownCount, int totalCount,
    double healthyRatio) {

  static CountsView of(HealthCounts c) {
    return new CountsView(c.getHealthy(), c.getDegraded(), c.getUnhealthy(), c.getUnknown(), c.getTotal(),
        Decimals.ratio(c.getHealthyRatio()));
  }

  /** The agents counted by effective health; any health but HEALTHY, DEGRADED and UNHEALTHY is unknown. */
  static CountsView of(Collection<AgentView> agents) {
    int healthy = 0;
    int degraded = 0;
    int unhealthy = 0;
    for (AgentView agent : agents) {
      switch (agent.health()) {
        case HEALTHY -> healthy++;
        case DEGRADED -> degraded++;
        case UNHEALTHY -> unhealthy++;
        default -> { }
      }
    }
    int total = agents.size();
    double ratio = total == 0 ? 0.0 : (double) healthy / total;
    return new CountsView(healthy, degraded, unhealthy, total - healthy - degraded - unhealthy, total,
        Decimals.ratio(ratio));
  }
}
