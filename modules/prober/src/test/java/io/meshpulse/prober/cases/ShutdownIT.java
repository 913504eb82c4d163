package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Stopping the prober says nothing about the agents: checks it abandons publish no result. */
class ShutdownIT {

  @Test
  void checksCutShortByShutdownPublishNothing() {
    // Given: one agent that answered, one whose check is still running
    Queue<HealthCheckResult> published = new ConcurrentLinkedQueue<>();
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("quick", Behaviour.healthy(Duration.ofMillis(5))),
        AgentSpec.of("stuck", Behaviour.hung())))) {
      ProberRig prober = ProberRig.start(Map.of("interval", "60s", "timeout", "30s"), fleet.cards(), published::add);
      prober.startRounds();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> published.size() == 1 && !fleet.agent("stuck").arrivals().isEmpty());

      // When
      prober.close();

      // Then
      assertEquals(List.of("quick"), published.stream().map(HealthCheckResult::getAgent).toList(),
          "the hung agent's check was abandoned by the prober, not failed by the agent: " + published);
    }
  }
}
