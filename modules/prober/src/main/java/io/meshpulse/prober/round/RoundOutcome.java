package io.meshpulse.prober.round;

import io.meshpulse.schema.HealthCheckResult;
import java.util.List;

/** Every result of one round, in completion order, and its summary. */
public record RoundOutcome(List<HealthCheckResult> results, RoundSummary summary) {

  public RoundOutcome {
    results = List.copyOf(results);
  }
}
