package io.meshpulse.query;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.SafeUrls;
import java.util.List;
import java.util.Map;

/**
 * One agent as the API shows it: its registration, effective health and latest check, the
 * healthy ratio of its newest window, and the p95 of its newest window with latency data (what
 * routing ranks by). Credentials in the agent's URL are never shown. Also the unit that
 * instances exchange when a query spans them.
 *
 * @param health effective health after thresholds; UNKNOWN when no check was seen yet
 */
public record AgentView(String name, String url, List<String> capabilities, Map<String, String> labels,
    boolean registered, AgentHealth health, String since, Double responseTimeMs, String error, String failureKind,
    Integer httpStatus, String checkedAt, Integer consecutiveFailures, Integer consecutiveSuccesses, Double p95Ms,
    Double healthyRatio) {

  static AgentView of(String name, AgentCard card, AgentStatus status, AgentWindowStats latest) {
    return of(name, card, status, latest, latest);
  }

  /**
   * @param newest the agent's newest window: its healthy ratio (an agent that never answered has 0)
   * @param newestWithLatency its newest window with latency data: its p95
   */
  static AgentView of(String name, AgentCard card, AgentStatus status, AgentWindowStats newest,
      AgentWindowStats newestWithLatency) {
    HealthCheckResult last = status == null ? null : status.getLastCheck();
    return new AgentView(
        name,
        SafeUrls.redact(card != null ? card.getUrl() : last != null ? last.getUrl() : null),
        card == null ? List.of() : List.copyOf(card.getCapabilities()),
        card == null ? Map.of() : Map.copyOf(card.getLabels()),
        card != null,
        status == null ? AgentHealth.UNKNOWN : status.getHealth(),
        status == null ? null : status.getSince().toString(),
        last == null ? null : Decimals.millis(last.getResponseTimeMs()),
        last == null ? null : last.getError(),
        last == null || last.getFailureKind() == null ? null : last.getFailureKind().name(),
        last == null ? null : last.getHttpStatus(),
        last == null ? null : last.getCheckedAt().toString(),
        status == null ? null : status.getConsecutiveFailures(),
        status == null ? null : status.getConsecutiveSuccesses(),
        newestWithLatency == null ? null : Decimals.millis(newestWithLatency.getLatencyP95Ms()),
        newest == null || newest.getCount() == 0 ? null : Decimals.ratio(newest.getHealthyRatio()));
  }
}
