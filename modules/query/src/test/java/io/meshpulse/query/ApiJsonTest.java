package io.meshpulse.query;

import static io.meshpulse.query.Agents.agent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's JSON as clients read it: field names, nulls, values mapped from the store records. */
class ApiJsonTest {

  private static final ObjectMapper JSON = Json.mapper();
  private static final Instant CHECKED = Instant.parse("2026-03-01T10:00:05Z");

  @Test
  void meshHealthHasTheCountsAndEveryAgentsHealthResponseTimeAndError() {
    // Given
    MeshHealthView mesh = MeshHealthView.of(new CountsView(1, 0, 1, 0, 2, 0.5),
        Map.of("invoices", new CountsView(0, 0, 1, 0, 1, 0.0)),
        List.of(AgentView.of("billing", card(), timedOutStatus(), null), agent("search-a", AgentHealth.HEALTHY, 40.0)));

    // When
    JsonNode json = write(mesh);

    // Then
    assertEquals(List.of("healthy_count", "degraded_count", "unhealthy_count", "unknown_count", "total_count",
        "healthy_ratio", "by_capability", "agents"), fields(json));
    assertEquals(0.5, json.path("healthy_ratio").asDouble());
    assertEquals(1, json.path("by_capability").path("invoices").path("unhealthy_count").asInt());
    JsonNode billing = json.path("agents").get(0);
    assertEquals(List.of("name", "url", "capabilities", "labels", "registered", "health", "since", "response_time_ms",
        "error", "failure_kind", "http_status", "checked_at", "consecutive_failures", "consecutive_successes", "p95_ms",
        "healthy_ratio"), fields(billing));
    assertEquals("UNHEALTHY", billing.path("health").asText());
    assertEquals(2000.4, billing.path("response_time_ms").asDouble());
    assertEquals("timeout after 2000 ms", billing.path("error").asText());
    assertEquals("TIMEOUT", billing.path("failure_kind").asText());
    assertEquals("2026-03-01T10:00:05Z", billing.path("checked_at").asText());
    assertEquals("payments", billing.path("labels").path("team").asText());
  }

  @Test
  void anAgentWithoutAnErrorHasANullErrorRatherThanNoField() {
    // When
    JsonNode json = write(agent("search-a", AgentHealth.HEALTHY, 40.0, "search"));

    // Then
    assertTrue(json.has("error"));
    assertTrue(json.path("error").isNull());
  }

  @Test
  void credentialsInTheAgentsUrlAreNeverShown() {
    // Given
    AgentCard card = AgentCard.newBuilder(card()).setUrl("https://svc:s3cret@10.0.0.7:8443/health").build();

    // When
    JsonNode json = write(AgentView.of("billing", card, null, null));

    // Then
    assertEquals("https://***@10.0.0.7:8443/health", json.path("url").asText());
  }

  @Test
  void aRegisteredAgentNotCheckedYetIsUnknownWithoutCheckFields() {
    // When
    JsonNode json = write(AgentView.of("billing", card(), null, null));

    // Then
    assertEquals("UNKNOWN", json.path("health").asText());
    assertTrue(json.path("registered").asBoolean());
    assertTrue(json.path("response_time_ms").isNull());
    assertTrue(json.path("checked_at").isNull());
  }

  @Test
  void agentDetailHasStatusCountersAndTheWindowsLatencyPercentiles() {
    // Given
    AgentWindowStats window = AgentWindowStats.newBuilder().setAgent("billing")
        .setWindowStart(Instant.parse("2026-03-01T10:00:00Z")).setWindowEnd(Instant.parse("2026-03-01T10:01:00Z"))
        .setCount(4).setHealthyCount(3).setUnhealthyCount(1).setHealthyRatio(0.75).setLatencyCount(4)
        .setLatencyP50Ms(41.0).setLatencyP95Ms(88.0).setLatencyP99Ms(90.0).build();
    AgentDetailView detail = new AgentDetailView(AgentView.of("billing", card(), timedOutStatus(), window),
        AgentDetailView.StatusView.of(timedOutStatus()), WindowView.of(window), List.of(WindowView.of(window)));

    // When
    JsonNode json = write(detail);

    // Then
    assertEquals(List.of("agent", "status", "current_window", "recent_windows"), fields(json));
    assertEquals(List.of("health", "since", "streak_health", "streak", "consecutive_failures",
        "consecutive_successes", "transitions", "last_seen_at", "interval_ms"), fields(json.path("status")));
    JsonNode current = json.path("current_window");
    assertEquals(List.of("start", "end", "count", "healthy_count", "degraded_count", "unhealthy_count",
        "healthy_ratio", "latency_min_ms", "latency_mean_ms", "latency_max_ms", "latency_p50_ms", "latency_p95_ms",
        "latency_p99_ms", "last_error"), fields(current));
    assertEquals(0.75, current.path("healthy_ratio").asDouble());
    assertEquals(88.0, current.path("latency_p95_ms").asDouble());
    assertEquals(88.0, json.path("agent").path("p95_ms").asDouble());
    assertFalse(current.has("latency_sketch"));
  }

  @Test
  void millisecondsHaveTwoDecimalsAndRatiosFour() {
    // Given
    AgentWindowStats window = AgentWindowStats.newBuilder().setAgent("billing")
        .setWindowStart(Instant.parse("2026-03-01T10:00:00Z")).setWindowEnd(Instant.parse("2026-03-01T10:01:00Z"))
        .setCount(3).setHealthyCount(2).setUnhealthyCount(1).setHealthyRatio(2.0 / 3).setLatencyCount(3)
        .setLatencyMinMs(40.0049).setLatencyMeanMs(61.23456).setLatencyP95Ms(88.125001).build();
    AgentStatus status = timedOutStatus(2000.45678);

    // When
    JsonNode agent = write(AgentView.of("billing", card(), status, window));
    JsonNode windowJson = write(WindowView.of(window));
    JsonNode counts = write(CountsView.of(HealthCounts.newBuilder().setHealthy(1).setDegraded(0).setUnhealthy(2)
        .setUnknown(0).setTotal(3).setHealthyRatio(1.0 / 3).build()));

    // Then
    assertEquals("2000.46", agent.path("response_time_ms").asText());
    assertEquals("88.13", agent.path("p95_ms").asText());
    assertEquals("0.6667", agent.path("healthy_ratio").asText());
    assertEquals("40.0", windowJson.path("latency_min_ms").asText());
    assertEquals("61.23", windowJson.path("latency_mean_ms").asText());
    assertEquals("0.6667", windowJson.path("healthy_ratio").asText());
    assertEquals("0.3333", counts.path("healthy_ratio").asText());
  }

  @Test
  void routeAnswerNamesTheAgentTheReasonAndTheCandidates() {
    // Given
    RouteAnswer route = RouteRanker.route("search", List.of(agent("search-a", AgentHealth.HEALTHY, 40.0, "search")));

    // When
    JsonNode json = write(route);

    // Then
    assertEquals(List.of("capability", "agent", "url", "health", "p95_ms", "reason", "candidates"), fields(json));
    assertEquals(List.of("name", "health", "p95_ms"), fields(json.path("candidates").get(0)));
  }

  private static AgentCard card() {
    return AgentCard.newBuilder().setName("billing").setUrl("http://10.0.0.7:8080/health")
        .setCapabilities(List.of("invoices")).setLabels(Map.of("team", "payments")).build();
  }

  private static AgentStatus timedOutStatus() {
    return timedOutStatus(2000.4);
  }

  private static AgentStatus timedOutStatus(double responseTimeMs) {
    HealthCheckResult check = HealthCheckResult.newBuilder().setAgent("billing").setUrl("http://10.0.0.7:8080/health")
        .setHealth(AgentHealth.UNHEALTHY).setResponseTimeMs(responseTimeMs).setError("timeout after 2000 ms")
        .setFailureKind(FailureKind.TIMEOUT).setCheckedAt(CHECKED).setProberId("prober-1").setRoundId(7)
        .setTimeoutMs(2000).build();
    return AgentStatus.newBuilder().setAgent("billing").setHealth(AgentHealth.UNHEALTHY)
        .setSince(Instant.parse("2026-03-01T09:59:00Z")).setStreakHealth(AgentHealth.UNHEALTHY).setStreak(3)
        .setConsecutiveFailures(3).setConsecutiveSuccesses(0).setTransitions(2).setLastCheck(check)
        .setLastSeenAt(CHECKED).setIntervalMs(10_000).build();
  }

  private static JsonNode write(Object view) {
    return JSON.valueToTree(view);
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
