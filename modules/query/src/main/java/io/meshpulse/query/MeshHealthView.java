package io.meshpulse.query;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/mesh/health}: counts over the registered agents (from the mesh summary store),
 * per capability, and every agent's health, latest response time and error.
 */
public record MeshHealthView(int healthyCount, int degradedCount, int unhealthyCount, int unknownCount,
    int totalCount, double healthyRatio, Map<String, CountsView> byCapability, List<AgentView> agents) {

  static MeshHealthView of(CountsView overall, Map<String, CountsView> byCapability, List<AgentView> agents) {
    return new MeshHealthView(overall.healthyCount(), overall.degradedCount(), overall.unhealthyCount(),
        overall.unknownCount(), overall.totalCount(), overall.healthyRatio(), byCapability, agents);
  }
}
