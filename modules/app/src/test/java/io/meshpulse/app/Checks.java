package io.meshpulse.app;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.util.List;

/** Agent cards and check results as a prober would publish them, for tests that feed the topics directly. */
final class Checks {

  private Checks() {}

  static AgentCard card(String name, String... capabilities) {
    return AgentCard.newBuilder().setName(name).setUrl(url(name)).setCapabilities(List.of(capabilities)).build();
  }

  static HealthCheckResult healthy(String name, double responseTimeMs, long round) {
    return base(name, round).setHealth(AgentHealth.HEALTHY).setResponseTimeMs(responseTimeMs).setHttpStatus(200)
        .build();
  }

  static HealthCheckResult refused(String name, long round) {
    return base(name, round).setHealth(AgentHealth.UNHEALTHY).setResponseTimeMs(0.4).setError("connection refused")
        .setFailureKind(FailureKind.CONNECT).build();
  }

  private static HealthCheckResult.Builder base(String name, long round) {
    return HealthCheckResult.newBuilder().setAgent(name).setUrl(url(name)).setCheckedAt(Instant.now())
        .setProberId("test-prober").setRoundId(round).setTimeoutMs(1000);
  }

  private static String url(String name) {
    return "http://127.0.0.1:9/" + name + "/health";
  }
}
