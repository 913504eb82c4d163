package io.meshpulse.prober.round;

import io.meshpulse.schema.HealthCheckResult;

/** Where each check's result goes as soon as it is known; must not block. */
@FunctionalInterface
public interface ResultSink {
  void accept(HealthCheckResult result);
}
