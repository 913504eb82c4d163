package io.meshpulse.alerts;

import io.meshpulse.schema.HealthTransition;

/** Where a health transition is sent: a log, a webhook, a pager. */
@FunctionalInterface
public interface AlertSink {
  void send(HealthTransition transition);
}
