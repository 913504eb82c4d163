package io.meshpulse.query;

import static io.meshpulse.query.Agents.agent;
import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static io.meshpulse.schema.AgentHealth.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRankerTest {

  @Test
  void healthyAgentWithTheLowestP95IsChosen() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-a", HEALTHY, 120.0, "search"),
        agent("search-b", HEALTHY, 35.0, "search"),
        agent("search-c", HEALTHY, 80.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals("search-b", answer.agent());
    assertEquals("http://127.0.0.1:9/search-b", answer.url());
    assertEquals(HEALTHY, answer.health());
    assertEquals("lowest recent p95 (35.0 ms) of 3 healthy agents with search", answer.reason());
  }

  @Test
  void fasterDegradedOrUnhealthyAgentsNeverBeatAHealthyOne() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-degraded", DEGRADED, 5.0, "search"),
        agent("search-down", UNHEALTHY, 1.0, "search"),
        agent("search-ok", HEALTHY, 250.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals("search-ok", answer.agent());
  }

  @Test
  void equalP95sAreDecidedByName() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-z", HEALTHY, 50.0, "search"),
        agent("search-m", HEALTHY, 50.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals("search-m", answer.agent());
  }

  @Test
  void agentWithoutLatencyDataYetRanksAfterOnesWithData() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-new", HEALTHY, null, "search"),
        agent("search-old", HEALTHY, 900.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals("search-old", answer.agent());
    assertEquals(List.of("search-old", "search-new"), names(answer));
  }

  @Test
  void agentsWithoutTheCapabilityAreNotCandidates() {
    // Given
    List<AgentView> agents = List.of(
        agent("billing", HEALTHY, 1.0, "invoices"),
        agent("search-a", HEALTHY, 40.0, "search", "invoices"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals("search-a", answer.agent());
    assertEquals(List.of("search-a"), names(answer));
  }

  @Test
  void withNoHealthyAgentTheFastestDegradedOneIsTheFallback() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-down", UNHEALTHY, 3.0, "search"),
        agent("search-tired", DEGRADED, 400.0, "search"),
        agent("search-weary", DEGRADED, 200.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertTrue(answer.found());
    assertEquals("search-weary", answer.agent());
    assertEquals(DEGRADED, answer.health());
    assertEquals("no healthy agent has search; fallback to a degraded one: lowest recent p95 (200.0 ms) of 2 degraded"
        + " agents with search", answer.reason());
  }

  @Test
  void withNoHealthyOrDegradedAgentThereIsNoRouteButTheCandidatesAreListed() {
    // Given
    List<AgentView> agents = List.of(
        agent("search-down", UNHEALTHY, 3.0, "search"),
        agent("search-new", UNKNOWN, null, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertFalse(answer.found());
    assertNull(answer.url());
    assertEquals("no healthy or degraded agent has capability search (2 registered)", answer.reason());
    assertEquals(List.of("search-down", "search-new"), names(answer));
  }

  @Test
  void unknownCapabilityHasNoRouteAndNoCandidates() {
    // Given
    List<AgentView> agents = List.of(agent("search-a", HEALTHY, 40.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("teleport", agents);

    // Then
    assertFalse(answer.found());
    assertTrue(answer.candidates().isEmpty());
    assertEquals("no registered agent has capability teleport", answer.reason());
  }

  @Test
  void candidatesAreListedInRankOrderWithTheChosenOneFirst() {
    // Given
    List<AgentView> agents = List.of(
        agent("d-unhealthy", UNHEALTHY, 1.0, "search"),
        agent("c-degraded", DEGRADED, 2.0, "search"),
        agent("b-healthy-slow", HEALTHY, 300.0, "search"),
        agent("a-healthy-fast", HEALTHY, 30.0, "search"));

    // When
    RouteAnswer answer = RouteRanker.route("search", agents);

    // Then
    assertEquals(List.of("a-healthy-fast", "b-healthy-slow", "c-degraded", "d-unhealthy"), names(answer));
    assertEquals(answer.agent(), answer.candidates().get(0).name());
  }

  private static List<String> names(RouteAnswer answer) {
    return answer.candidates().stream().map(RouteAnswer.Candidate::name).toList();
  }
}
