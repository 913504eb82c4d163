package io.meshpulse.app.reference;

import io.meshpulse.schema.AgentHealth;
import java.time.Instant;
import java.util.Comparator;

/**
 * The figures the reference tests compare, as a user reads them: from the query API, from the
 * topics, or recomputed by {@link ReferenceModel}.
 */
public final class Figures {

  private Figures() {}

  /** A window of one agent, named by its agent and start. */
  public record WindowKey(String agent, Instant start) implements Comparable<WindowKey> {

    private static final Comparator<WindowKey> ORDER =
        Comparator.comparing(WindowKey::agent).thenComparing(WindowKey::start);

    @Override
    public int compareTo(WindowKey other) {
      return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
      return agent + " [" + start + "]";
    }
  }

  /**
   * One window's statistics. The reference's percentiles are exact nearest-rank values; the
   * topology's come from its sketch. Latency figures are null when no check of the window got a response.
   */
  public record Window(String agent, Instant start, Instant end, long count, long healthy, long degraded,
      long unhealthy, double healthyRatio, Double minMs, Double meanMs, Double maxMs, Double p50Ms, Double p95Ms,
      Double p99Ms, String lastError) {

    public WindowKey key() {
      return new WindowKey(agent, start);
    }
  }

  /** An agent's effective status and the counters of its threshold state machine. */
  public record Status(String agent, AgentHealth health, Instant since, AgentHealth streakHealth, int streak,
      int consecutiveFailures, int consecutiveSuccesses, long transitions, Instant lastCheckedAt) {}

  /** One record of the transitions topic. */
  public record Transition(String id, String agent, AgentHealth from, AgentHealth to, Instant at, String lastError) {}

  /** One record of the dead-letter topic: where its source record was and why it is there. */
  public record DeadLetter(int partition, long offset, String reason) implements Comparable<DeadLetter> {

    private static final Comparator<DeadLetter> ORDER =
        Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset);

    @Override
    public int compareTo(DeadLetter other) {
      return ORDER.compare(this, other);
    }
  }

  /** Agents by effective health. */
  public record Counts(int healthy, int degraded, int unhealthy, int unknown, int total) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    public Counts plus(AgentHealth health) {
      return new Counts(healthy + (health == AgentHealth.HEALTHY ? 1 : 0),
          degraded + (health == AgentHealth.DEGRADED ? 1 : 0),
          unhealthy + (health == AgentHealth.UNHEALTHY ? 1 : 0),
          unknown + (health == AgentHealth.UNKNOWN ? 1 : 0), total + 1);
    }
  }
}
