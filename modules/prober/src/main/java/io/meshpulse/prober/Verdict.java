package io.meshpulse.prober;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;

/** The health one check found, with the reason when it is not HEALTHY. */
public record Verdict(AgentHealth health, String error, FailureKind kind) {

  static Verdict healthy() {
    return new Verdict(AgentHealth.HEALTHY, null, null);
  }

  static Verdict degraded(String why, FailureKind kind) {
    return new Verdict(AgentHealth.DEGRADED, why, kind);
  }

  static Verdict unhealthy(String why, FailureKind kind) {
    return new Verdict(AgentHealth.UNHEALTHY, why, kind);
  }
}
