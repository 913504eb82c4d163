package io.meshpulse.schema;

/**
 * Names of meshpulse's topics under one prefix (default {@code meshpulse.}), so several
 * meshes, or several tests, can share a cluster.
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "meshpulse.";

  public Topics {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException("topic prefix: only letters, digits, '.', '_' and '-' are allowed, got '" + prefix + "'");
    }
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  /** Compacted registry: agent name to AgentCard; a tombstone deregisters. */
  public String agents() {
    return prefix + "agents";
  }

  /** One HealthCheckResult per agent per round, keyed by agent name. */
  public String checks() {
    return prefix + "checks";
  }

  /** Effective-health changes, keyed by agent name. */
  public String transitions() {
    return prefix + "transitions";
  }

  /** Closed windows' AgentWindowStats, keyed by agent name. */
  public String stats() {
    return prefix + "stats";
  }

  /** Records of the checks topic that could not be read or processed, raw, with the reason in headers. */
  public String checksDeadLetter() {
    return prefix + "checks.dlq";
  }
}
