package io.meshpulse.query;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import java.util.List;
import java.util.Map;

/**
 * One agent as the API shows it: its registration, effective health and latest check, and the
 * p95 of its most recent window with latency data (what routing ranks by). Also the unit that
 * instances exchange when a query spans them.
 *
 * @param health effective health after thresholds; UNKNOWN when no check was seen yet
 */
public record AgentView(String name, String url, List<String> capabilities, Map<String, String> labels,
    boolean registered, AgentHealth health, String since, Double responseTimeMs, String error, String failureKind,
    Integer httpStatus, String checkedAt, Integer consecutiveFailures, Integer consecutiveSuccesses, Double p95Ms,
    Double healthyRatio) {

  static AgentView of(String name, AgentCard card, AgentStatus status, AgentWindowStats latest) {
    HealthCheckResult last = status == null ? null : status.getLastCheck();
    return new AgentView(
        name,
        card != null ? card.getUrl() : last != null ? last.getUrl() : null,
        card == null ? List.of() : List.copyOf(card.getCapabilities()),
        card == null ? Map.of() : Map.copyOf(card.getLabels()),
        card != null,
        status == null ? AgentHealth.UNKNOWN : status.getHealth(),
        status == null ? null : status.getSince().toString(),
        last == null ? null : last.getResponseTimeMs(),
        last == null ? null : last.getError(),
        last == null || last.getFailureKind() == null ? null : last.getFailureKind().name(),
        last == null ? null : last.getHttpStatus(),
        last == null ? null : last.getCheckedAt().toString(),
        status == null ? null : status.getConsecutiveFailures(),
        status == null ? null : status.getConsecutiveSuccesses(),
        latest == null ? null : latest.getLatencyP95Ms(),
        latest == null || latest.getCount() == 0 ? null : latest.getHealthyRatio());
  }
}
