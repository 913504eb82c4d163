package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static io.meshpulse.schema.AgentHealth.UNKNOWN;
import static io.meshpulse.streams.MeshSummaryAggregator.add;
import static io.meshpulse.streams.MeshSummaryAggregator.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentMembership;
import io.meshpulse.schema.HealthCounts;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.MeshHealthSummary;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeshSummaryAggregatorTest {

  private static AgentMembership member(String agent, AgentHealth health, String... capabilities) {
    return AgentMembership.newBuilder().setAgent(agent).setHealth(health).setCapabilities(List.of(capabilities)).build();
  }

  private static HealthCounts counts(int healthy, int degraded, int unhealthy, int unknown) {
    int total = healthy + degraded + unhealthy + unknown;
    return HealthCounts.newBuilder().setHealthy(healthy).setDegraded(degraded).setUnhealthy(unhealthy)
        .setUnknown(unknown).setTotal(total).setHealthyRatio(total == 0 ? 0.0 : (double) healthy / total).build();
  }

  @Test
  void addingCountsOverallAndPerCapability() {
    MeshHealthSummary s = MeshSummaryAggregator.empty();

    s = add(s, member("a", HEALTHY, "search", "chat"));
    s = add(s, member("b", UNHEALTHY, "chat"));
    s = add(s, member("c", UNKNOWN));

    assertEquals(counts(1, 0, 1, 1), s.getOverall());
    assertEquals(counts(1, 0, 0, 0), s.getByCapability().get("search"));
    assertEquals(counts(1, 0, 1, 0), s.getByCapability().get("chat"));
    assertEquals(1.0 / 3, s.getOverall().getHealthyRatio(), 1e-12);
  }

  @Test
  void stateChangeIsTheOldMembershipSubtractedAndTheNewAdded() {
    MeshHealthSummary s = add(add(MeshSummaryAggregator.empty(), member("a", HEALTHY, "chat")), member("b", HEALTHY, "chat"));

    s = add(subtract(s, member("a", HEALTHY, "chat")), member("a", DEGRADED, "chat"));

    assertEquals(counts(1, 1, 0, 0), s.getOverall());
    assertEquals(counts(1, 1, 0, 0), s.getByCapability().get("chat"));
  }

  @Test
  void capabilityWhoseTotalReachesZeroIsDropped() {
    MeshHealthSummary s = add(MeshSummaryAggregator.empty(), member("a", HEALTHY, "search", "chat"));

    s = add(subtract(s, member("a", HEALTHY, "search", "chat")), member("a", HEALTHY, "chat"));

    assertEquals(Set.of("chat"), s.getByCapability().keySet());
  }

  @Test
  void subtractingEveryAgentLeavesAnEmptyMesh() {
    MeshHealthSummary s = add(add(MeshSummaryAggregator.empty(), member("a", HEALTHY, "x")), member("b", DEGRADED, "y"));

    s = subtract(subtract(s, member("b", DEGRADED, "y")), member("a", HEALTHY, "x"));

    assertEquals(MeshSummaryAggregator.empty(), s);
    assertEquals(0.0, s.getOverall().getHealthyRatio());
  }

  @Test
  void capabilityListedTwiceCountsOnce() {
    MeshHealthSummary s = add(MeshSummaryAggregator.empty(), member("a", HEALTHY, "chat", "chat"));

    assertEquals(1, s.getByCapability().get("chat").getTotal());
  }

  @Test
  void registeredAgentWithoutTransitionIsUnknown() {
    AgentMembership m = MeshSummaryAggregator.membership(Checks.card("a", "chat"), null);
    HealthTransition t = HealthTransition.newBuilder().setId("a#1").setAgent("a").setFrom(UNKNOWN).setTo(DEGRADED)
        .setAt(Instant.EPOCH).setReason("first check").build();

    assertEquals(member("a", UNKNOWN, "chat"), m);
    assertEquals(member("a", DEGRADED, "chat"), MeshSummaryAggregator.membership(Checks.card("a", "chat"), t));
  }
}
