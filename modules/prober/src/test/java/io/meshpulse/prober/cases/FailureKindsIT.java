package io.meshpulse.prober.cases;

import static io.meshpulse.prober.cases.ProberRig.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Health semantics on the wire, with the defaults and per-agent settings: what each kind of
 * failure is called, and when an answer is DEGRADED rather than HEALTHY.
 */
class FailureKindsIT {

  private static final Map<String, String> SETTINGS = Map.of("timeout", "5s");

  @Test
  void unresolvableNameIsADnsFailure() throws Exception {
    // Given
    AgentCard card = AgentCard.newBuilder().setName("nowhere").setUrl("http://nonexistent.invalid/health").build();
    try (ProberRig prober = ProberRig.start(SETTINGS, List.of(card))) {
      // When
      HealthCheckResult result = resultOf(prober.round(), "nowhere");

      // Then
      assertUnhealthy(result, FailureKind.DNS);
      assertTrue(result.getError().contains("nonexistent.invalid"), result::toString);
      assertNull(result.getHttpStatus());
    }
  }

  @Test
  void httpsToAPlainHttpAgentIsATlsFailure() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("plain", Behaviour.healthy(Duration.ZERO))))) {
      AgentCard card = fleet.cards().get(0);
      AgentCard https = AgentCard.newBuilder(card).setUrl(card.getUrl().replace("http://", "https://")).build();
      try (ProberRig prober = ProberRig.start(SETTINGS, List.of(https))) {
        // When
        HealthCheckResult result = resultOf(prober.round(), "plain");

        // Then
        assertUnhealthy(result, FailureKind.TLS);
        assertTrue(result.getError().startsWith("TLS: "), result::toString);
        assertTrue(result.getResponseTimeMs() < 2_500, "promptly, not at the timeout: " + result);
      }
    }
  }

  @Test
  void serverErrorIsAnHttpStatusFailure() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("broken", Behaviour.status(503, "{\"status\":\"down\"}"))));
         ProberRig prober = ProberRig.start(SETTINGS, fleet.cards())) {
      // When
      HealthCheckResult result = resultOf(prober.round(), "broken");

      // Then
      assertUnhealthy(result, FailureKind.HTTP_STATUS);
      assertEquals(503, result.getHttpStatus());
      assertTrue(result.getError().startsWith("HTTP 503"), result::toString);
    }
  }

  @Test
  void okStatusWithABodySayingDownIsABodyFailure() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("says-down", Behaviour.status(200, "{\"status\":\"DOWN\"}"))));
         ProberRig prober = ProberRig.start(SETTINGS, fleet.cards())) {
      // When
      HealthCheckResult result = resultOf(prober.round(), "says-down");

      // Then
      assertUnhealthy(result, FailureKind.BODY);
      assertEquals(200, result.getHttpStatus());
      assertTrue(result.getError().contains("DOWN"), result::toString);
    }
  }

  @Test
  void bodySayingDegradedIsDegraded() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("limping", Behaviour.degraded(Duration.ZERO))));
         ProberRig prober = ProberRig.start(SETTINGS, fleet.cards())) {
      // When
      HealthCheckResult result = resultOf(prober.round(), "limping");

      // Then
      assertEquals(AgentHealth.DEGRADED, result.getHealth(), result::toString);
      assertEquals(FailureKind.BODY, result.getFailureKind());
      assertTrue(result.getError().contains("degraded"), result::toString);
    }
  }

  @Test
  void answerSlowerThanTheAgentsDegradedThresholdIsDegraded() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("sluggish", Behaviour.healthy(Duration.ofMillis(300))),
            AgentSpec.of("brisk", Behaviour.healthy(Duration.ZERO))))) {
      List<AgentCard> cards = fleet.cards().stream()
          .map(c -> AgentCard.newBuilder(c).setDegradedAfterMs(150L).build()).toList();
      try (ProberRig prober = ProberRig.start(SETTINGS, cards)) {
        // When
        RoundOutcome outcome = prober.round();

        // Then
        HealthCheckResult sluggish = resultOf(outcome, "sluggish");
        assertEquals(AgentHealth.DEGRADED, sluggish.getHealth(), sluggish::toString);
        assertEquals(FailureKind.LATENCY, sluggish.getFailureKind());
        assertTrue(sluggish.getError().contains("> 150 ms"), sluggish::toString);
        assertEquals(AgentHealth.HEALTHY, resultOf(outcome, "brisk").getHealth());
      }
    }
  }

  @Test
  void expectedStatusCodesAreTheAgentsOwn() throws Exception {
    // Given: two agents answering 404; one declares 404 its healthy answer
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("expects-404", Behaviour.status(404, "{}")),
            AgentSpec.of("default", Behaviour.status(404, "{}"))))) {
      List<AgentCard> cards = List.of(
          AgentCard.newBuilder(fleet.cards().get(0)).setExpectedStatus(List.of(404)).build(),
          fleet.cards().get(1));
      try (ProberRig prober = ProberRig.start(SETTINGS, cards)) {
        // When
        RoundOutcome outcome = prober.round();

        // Then
        assertEquals(AgentHealth.HEALTHY, resultOf(outcome, "expects-404").getHealth());
        assertUnhealthy(resultOf(outcome, "default"), FailureKind.HTTP_STATUS);
      }
    }
  }

  @Test
  void agentsOwnTimeoutCutsItsCheck() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("stuck", Behaviour.hung())))) {
      AgentCard card = AgentCard.newBuilder(fleet.cards().get(0)).setTimeoutMs(300L).build();
      try (ProberRig prober = ProberRig.start(SETTINGS, List.of(card))) {
        // When
        RoundOutcome outcome = prober.round();

        // Then
        HealthCheckResult result = resultOf(outcome, "stuck");
        assertUnhealthy(result, FailureKind.TIMEOUT);
        assertTrue(result.getError().startsWith("timeout after 300 ms"), result::toString);
        assertEquals(300, result.getTimeoutMs());
        assertTrue(outcome.summary().wallMs() < 2_500, "cut at 300 ms, not the 5 s default: " + outcome.summary().line());
      }
    }
  }

  @Test
  void everyUnhealthyResultCarriesAKindAndAnError() throws Exception {
    // Given: one agent of each way to fail
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("down", Behaviour.down()),
        AgentSpec.of("hung", Behaviour.hung()),
        AgentSpec.of("closes", Behaviour.closesWithoutResponse()),
        AgentSpec.of("loops", Behaviour.redirectLoop()),
        AgentSpec.of("error", Behaviour.status(500, "{}")),
        AgentSpec.of("says-error", Behaviour.status(200, Behaviour.ERROR)),
        AgentSpec.of("trickles", Behaviour.trickle(Duration.ofMillis(200)))))) {
      AgentCard dns = AgentCard.newBuilder().setName("dns").setUrl("http://nonexistent.invalid/health").build();
      List<AgentCard> cards = new ArrayList<>(fleet.cards());
      cards.add(dns);
      try (ProberRig prober = ProberRig.start(Map.of("timeout", "1s"), cards)) {
        // When
        RoundOutcome outcome = prober.round();

        // Then
        assertEquals(cards.size(), outcome.results().size());
        outcome.results().forEach(r -> {
          assertEquals(AgentHealth.UNHEALTHY, r.getHealth(), r::toString);
          assertNotNull(r.getFailureKind(), r::toString);
          assertNotNull(r.getError(), r::toString);
          assertTrue(r.getFailureKind() != FailureKind.OTHER, "a named kind: " + r);
        });
      }
    }
  }

  private static void assertUnhealthy(HealthCheckResult result, FailureKind kind) {
    assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
    assertEquals(kind, result.getFailureKind(), result::toString);
    assertNotNull(result.getError(), result::toString);
  }
}
