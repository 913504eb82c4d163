package io.meshpulse.streams;

import io.meshpulse.schema.AgentHealth;

/** The order of the health a check can find: HEALTHY &gt; DEGRADED &gt; UNHEALTHY. UNKNOWN has no place in it. */
final class HealthOrder {

  private HealthOrder() {}

  /** 0 for HEALTHY, 1 for DEGRADED, 2 for UNHEALTHY. */
  static int rank(AgentHealth h) {
    return switch (h) {
      case HEALTHY -> 0;
      case DEGRADED -> 1;
      case UNHEALTHY -> 2;
      default -> throw new IllegalArgumentException("UNKNOWN is not a health a check can find");
    };
  }

  static boolean isWorse(AgentHealth a, AgentHealth than) {
    return rank(a) > rank(than);
  }

  static boolean isBetter(AgentHealth a, AgentHealth than) {
    return rank(a) < rank(than);
  }

  static AgentHealth best(AgentHealth a, AgentHealth b) {
    return rank(a) <= rank(b) ? a : b;
  }

  static AgentHealth worst(AgentHealth a, AgentHealth b) {
    return rank(a) >= rank(b) ? a : b;
  }

  static boolean isCheckable(AgentHealth h) {
    return h == AgentHealth.HEALTHY || h == AgentHealth.DEGRADED || h == AgentHealth.UNHEALTHY;
  }
}
