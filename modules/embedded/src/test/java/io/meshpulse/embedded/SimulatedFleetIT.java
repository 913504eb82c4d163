package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.AgentCard;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedFleetIT {

  @Test
  void cardsPointAtTheAgents() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("billing", Behaviour.healthy(Duration.ZERO), "invoices", "refunds"),
        AgentSpec.of("search", Behaviour.healthy(Duration.ZERO), "search")))) {
      // When
      List<AgentCard> cards = fleet.cards();

      // Then
      assertEquals(List.of("billing", "search"), cards.stream().map(AgentCard::getName).toList());
      assertEquals(List.of("invoices", "refunds"), cards.get(0).getCapabilities());
      assertEquals(fleet.agent("billing").url(), cards.get(0).getUrl());
      assertEquals(200, AgentBehavioursIT.getUrl(cards.get(1).getUrl()).statusCode());
    }
  }

  @Test
  void demoFleetHasItsDownAgentRefusingConnections() {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.demoMix(20)) {
      SimulatedAgent down = fleet.agents().stream()
          .filter(a -> a.behaviour() instanceof Behaviour.Down).findFirst().orElseThrow();

      // When / Then
      assertEquals(20, fleet.cards().size());
      assertThrows(ConnectException.class, () -> new Socket(down.address().getAddress(), down.address().getPort()).close());
    }
  }

  @Test
  void duplicateNamesAreRefused() {
    // Given
    List<AgentSpec> specs = List.of(AgentSpec.of("a", Behaviour.hung()), AgentSpec.of("a", Behaviour.hung()));

    // When / Then
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedFleet.start(specs));
    assertEquals("agent names must be unique; repeated: [a]", e.getMessage());
  }

  @Test
  void unknownAgentIsNamed() {
    try (SimulatedFleet fleet = AgentBehavioursIT.fleetOf(Behaviour.emptyOk())) {
      assertThrows(IllegalArgumentException.class, () -> fleet.agent("nobody"));
    }
  }
}
