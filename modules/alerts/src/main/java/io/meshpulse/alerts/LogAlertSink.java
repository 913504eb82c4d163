package io.meshpulse.alerts;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per transition to the {@code meshpulse.alerts} logger: WARN when an agent
 * gets worse, INFO otherwise, so a log pipeline can route them apart.
 */
public final class LogAlertSink implements AlertSink {

  private static final Logger ALERTS = LoggerFactory.getLogger("meshpulse.alerts");

  @Override
  public void send(HealthTransition transition) {
    String line = TransitionJson.line(transition);
    if (worse(transition.getFrom(), transition.getTo())) {
      ALERTS.warn(line);
    } else {
      ALERTS.info(line);
    }
  }

  private static boolean worse(AgentHealth from, AgentHealth to) {
    return rank(to) < rank(from);
  }

  private static int rank(AgentHealth health) {
    return switch (health) {
      case HEALTHY -> 3;
      case DEGRADED -> 2;
      case UNKNOWN -> 1;
      case UNHEALTHY -> 0;
    };
  }
}
