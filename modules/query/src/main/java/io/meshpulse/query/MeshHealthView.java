package io.meshpulse.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /api/mesh/health}: the registered agents, each with its health, latest response time
 * and error, and counts over exactly those agents, overall and per capability.
 */
public record MeshHealthView(int healthyCount, int degradedCount, int unhealthyCount, int unknownCount,
    int totalCount, double healthyRatio, Map<String, CountsView> byCapability, List<AgentView> agents) {

  static MeshHealthView of(CountsView overall, Map<String, CountsView> byCapability, List<AgentView> agents) {
    return new MeshHealthView(overall.healthyCount(), overall.degradedCount(), overall.unhealthyCount(),
        overall.unknownCount(), overall.totalCount(), overall.healthyRatio(), byCapability, agents);
  }

  /**
   * The agents with their counts, as the mesh summary counts: an agent counts once under each of
   * its capabilities; a capability no listed agent has does not appear.
   */
  static MeshHealthView of(List<AgentView> agents) {
    Map<String, List<AgentView>> byCapability = new TreeMap<>();
    for (AgentView agent : agents) {
      for (String capability : new LinkedHashSet<>(agent.capabilities())) {
        byCapability.computeIfAbsent(capability, c -> new ArrayList<>()).add(agent);
      }
    }
    Map<String, CountsView> counts = new TreeMap<>();
    byCapability.forEach((capability, group) -> counts.put(capability, CountsView.of(group)));
    return of(CountsView.of(agents), counts, agents);
  }
}
