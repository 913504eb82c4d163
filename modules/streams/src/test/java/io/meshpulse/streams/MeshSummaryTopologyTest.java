package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static io.meshpulse.streams.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.HealthCounts;
import io.meshpulse.schema.MeshHealthSummary;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeshSummaryTopologyTest {

  private final TopologyFixture f = new TopologyFixture();

  @AfterEach
  void close() {
    f.close();
  }

  /** healthy, degraded, unhealthy, unknown, total. */
  private static String counts(HealthCounts c) {
    return c.getHealthy() + "/" + c.getDegraded() + "/" + c.getUnhealthy() + "/" + c.getUnknown() + " of " + c.getTotal();
  }

  @Test
  void registeredAgentsWithoutChecksCountAsUnknown() {
    f.register("a", "search");
    f.register("b", "search", "chat");

    MeshHealthSummary s = f.summary();

    assertEquals("0/0/0/2 of 2", counts(s.getOverall()));
    assertEquals("0/0/0/2 of 2", counts(s.getByCapability().get("search")));
    assertEquals("0/0/0/1 of 1", counts(s.getByCapability().get("chat")));
  }

  @Test
  void countsFollowAgentsChangingState() {
    f.register("a", "search");
    f.register("b", "search", "chat");
    f.check("a", HEALTHY, T0.minusSeconds(40));
    f.check("b", HEALTHY, T0.minusSeconds(40));
    assertEquals("2/0/0/0 of 2", counts(f.summary().getOverall()));

    f.check("b", UNHEALTHY, T0.minusSeconds(30));
    f.check("b", UNHEALTHY, T0.minusSeconds(20));
    f.check("b", UNHEALTHY, T0.minusSeconds(10));

    MeshHealthSummary s = f.summary();
    assertEquals("1/0/1/0 of 2", counts(s.getOverall()));
    assertEquals(0.5, s.getOverall().getHealthyRatio(), 1e-12);
    assertEquals("1/0/1/0 of 2", counts(s.getByCapability().get("search")));
    assertEquals("0/0/1/0 of 1", counts(s.getByCapability().get("chat")));
  }

  @Test
  void degradedAgentsAreCountedApart() {
    f.register("a", "search");
    f.register("b", "search");
    f.check("a", HEALTHY, T0.minusSeconds(40));
    f.check("b", DEGRADED, T0.minusSeconds(40));

    MeshHealthSummary s = f.summary();

    assertEquals("1/1/0/0 of 2", counts(s.getOverall()));
    assertEquals("1/1/0/0 of 2", counts(s.getByCapability().get("search")));
    assertEquals(0.5, s.getOverall().getHealthyRatio(), 1e-12);
  }

  @Test
  void countsFollowAgentsChangingCapabilities() {
    f.register("a", "search");
    f.check("a", HEALTHY, T0.minusSeconds(10));

    f.register("a", "chat");

    MeshHealthSummary s = f.summary();
    assertEquals(Set.of("chat"), s.getByCapability().keySet());
    assertEquals("1/0/0/0 of 1", counts(s.getByCapability().get("chat")));
    assertEquals("1/0/0/0 of 1", counts(s.getOverall()));
  }

  @Test
  void deregisteredAgentLeavesTheCounts() {
    f.register("a", "search");
    f.register("b", "chat");
    f.check("a", HEALTHY, T0.minusSeconds(10));
    f.check("b", UNHEALTHY, T0.minusSeconds(10));

    f.deregister("b");

    MeshHealthSummary s = f.summary();
    assertEquals("1/0/0/0 of 1", counts(s.getOverall()));
    assertNull(s.getByCapability().get("chat"));
  }

  @Test
  void silentAgentCountsAsUnknown() {
    f.register("a", "search");
    f.check("a", HEALTHY, T0.minusSeconds(5));

    f.advanceWallClock(Duration.ofSeconds(30));

    assertEquals("0/0/0/1 of 1", counts(f.summary().getOverall()));
  }

  @Test
  void checkedAgentWithoutRegistrationIsNotCounted() {
    f.register("a", "search");
    f.check("stranger", HEALTHY, T0.minusSeconds(5));

    assertEquals("0/0/0/1 of 1", counts(f.summary().getOverall()));
    assertTrue(f.summary().getByCapability().keySet().contains("search"));
  }
}
