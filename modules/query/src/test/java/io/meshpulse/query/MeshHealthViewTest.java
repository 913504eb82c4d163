package io.meshpulse.query;

import static io.meshpulse.query.Agents.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts over the listed agents, as the mesh summary counts them. */
class MeshHealthViewTest {

  @Test
  void eachHealthIsCountedAndAnAgentCountsOncePerCapability() {
    // Given
    List<AgentView> agents = List.of(
        agent("a", AgentHealth.HEALTHY, 10.0, "search", "search"),
        agent("b", AgentHealth.DEGRADED, 20.0, "search"),
        agent("c", AgentHealth.UNHEALTHY, null, "billing"),
        agent("d", AgentHealth.UNKNOWN, null));

    // When
    MeshHealthView mesh = MeshHealthView.of(agents);

    // Then
    assertEquals(List.of(1, 1, 1, 1, 4), List.of(mesh.healthyCount(), mesh.degradedCount(), mesh.unhealthyCount(),
        mesh.unknownCount(), mesh.totalCount()));
    assertEquals(0.25, mesh.healthyRatio());
    assertEquals(Map.of("search", new CountsView(1, 1, 0, 0, 2, 0.5), "billing", new CountsView(0, 0, 1, 0, 1, 0.0)),
        mesh.byCapability());
    assertEquals(agents, mesh.agents());
  }

  @Test
  void emptyMeshHasZeroCountsAndRatio() {
    // When
    MeshHealthView mesh = MeshHealthView.of(List.of());

    // Then
    assertEquals(0, mesh.totalCount());
    assertEquals(0.0, mesh.healthyRatio());
    assertEquals(Map.of(), mesh.byCapability());
  }
}
