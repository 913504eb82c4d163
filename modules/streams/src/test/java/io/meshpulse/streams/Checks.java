package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.util.List;

/** Test data: checks and cards with plausible defaults. */
final class Checks {

  private Checks() {}

  /** A check that got a response (HTTP 200, or 503 when UNHEALTHY) after {@code responseMs}. */
  static HealthCheckResult check(String agent, AgentHealth health, Instant at, double responseMs) {
    boolean unhealthy = health == AgentHealth.UNHEALTHY;
    return base(agent, health, at, responseMs)
        .setHttpStatus(unhealthy ? 503 : 200)
        .setError(unhealthy ? "HTTP 503" : null)
        .setFailureKind(unhealthy ? FailureKind.HTTP_STATUS : null)
        .build();
  }

  static HealthCheckResult check(String agent, AgentHealth health, Instant at) {
    return check(agent, health, at, 12.0);
  }

  /** A check that timed out: UNHEALTHY, no response, so no latency. */
  static HealthCheckResult timeout(String agent, Instant at) {
    return base(agent, AgentHealth.UNHEALTHY, at, 2000.0)
        .setError("timeout after 2000 ms")
        .setFailureKind(FailureKind.TIMEOUT)
        .build();
  }

  private static HealthCheckResult.Builder base(String agent, AgentHealth health, Instant at, double responseMs) {
    return HealthCheckResult.newBuilder()
        .setAgent(agent)
        .setUrl("http://" + agent + ":8080/health")
        .setHealth(health)
        .setResponseTimeMs(responseMs)
        .setCheckedAt(at)
        .setProberId("prober-1")
        .setRoundId(1)
        .setTimeoutMs(2000);
  }

  static AgentCard card(String agent, String... capabilities) {
    return AgentCard.newBuilder()
        .setName(agent)
        .setUrl("http://" + agent + ":8080/health")
        .setCapabilities(List.of(capabilities))
        .build();
  }
}
