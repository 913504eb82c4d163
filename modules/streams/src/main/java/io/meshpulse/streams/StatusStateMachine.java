package io.meshpulse.streams;

import static io.meshpulse.streams.HealthOrder.best;
import static io.meshpulse.streams.HealthOrder.isBetter;
import static io.meshpulse.streams.HealthOrder.isWorse;
import static io.meshpulse.streams.HealthOrder.worst;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An agent's effective health after thresholds, as a pure function of its previous status and
 * one event (a check, a silence, a deregistration). Health order: HEALTHY &gt; DEGRADED &gt; UNHEALTHY.
 *
 * <ul>
 *   <li>From UNKNOWN (a new agent, or one that fell silent) the first check sets the effective
 *       health at once: "first check" / "checks resumed".</li>
 *   <li>Otherwise the effective health E moves only when the last N ({@code unhealthyAfter})
 *       checks were all worse than E — it becomes the best health among them — or the last M
 *       ({@code healthyAfter}) checks were all better than E — it becomes the worst among them.
 *       A check equal to E, or on the other side of E, restarts the run ({@code streak},
 *       {@code streak_health}); a change of E restarts it too. A blip shorter than the threshold
 *       changes nothing but the run.</li>
 *   <li>A check stamped before the latest check seen changes nothing (out of order).</li>
 *   <li>An agent with no check for {@code missedIntervals × interval} of wall-clock time turns UNKNOWN.</li>
 * </ul>
 *
 * Every change of the effective health is exactly one {@link HealthTransition}, with id
 * {@code <agent>#<transitions>} counted after the change.
 */
public final class StatusStateMachine {

  /** The thresholds and interval that apply to one agent: its card's overrides, else the defaults. */
  public record Rules(int unhealthyAfter, int healthyAfter, long intervalMs) {

    public Rules {
      if (unhealthyAfter < 1 || healthyAfter < 1 || intervalMs < 1) {
        throw new IllegalArgumentException("thresholds and interval must be at least 1, got "
            + unhealthyAfter + ", " + healthyAfter + ", " + intervalMs);
      }
    }

    /** The card's values where it sets valid ones (at least 1), the configured defaults elsewhere. */
    public static Rules of(AgentCard card, TopologyConfig config) {
      if (card == null) {
        return new Rules(config.unhealthyAfter(), config.healthyAfter(), config.defaultInterval().toMillis());
      }
      return new Rules(
          positiveOr(card.getUnhealthyAfter(), config.unhealthyAfter()),
          positiveOr(card.getHealthyAfter(), config.healthyAfter()),
          card.getIntervalMs() != null && card.getIntervalMs() > 0 ? card.getIntervalMs() : config.defaultInterval().toMillis());
    }

    private static int positiveOr(Integer value, int fallback) {
      return value != null && value > 0 ? value : fallback;
    }
  }

  /**
   * The status after an event and the transition it caused, if any.
   *
   * @param changed whether {@code status} differs from the status before the event
   */
  public record Step(AgentStatus status, Optional<HealthTransition> transition, boolean changed) {

    static Step unchanged(AgentStatus status) {
      return new Step(status, Optional.empty(), false);
    }

    static Step updated(AgentStatus status) {
      return new Step(status, Optional.empty(), true);
    }

    static Step transitioned(AgentStatus status, HealthTransition transition) {
      return new Step(status, Optional.of(transition), true);
    }
  }

  private StatusStateMachine() {}

  /**
   * @param current the status before the check; null for an agent without one
   * @param nowMs wall-clock time of processing, for {@code last_seen_at}
   * @param retiredSequence the transition count of a removed earlier status of this agent (0 if none);
   *     used only when {@code current} is null, so transition ids never repeat
   */
  public static Step onCheck(AgentStatus current, HealthCheckResult check, Rules rules, long nowMs, long retiredSequence) {
    if (!HealthOrder.isCheckable(check.getHealth())) {
      throw new IllegalArgumentException("a check is HEALTHY, DEGRADED or UNHEALTHY, got " + check.getHealth());
    }
    if (current != null && isOutOfOrder(current, check)) {
      return Step.unchanged(current);
    }
    if (current == null || current.getHealth() == AgentHealth.UNKNOWN) {
      return fromUnknown(current, check, rules, nowMs, retiredSequence);
    }
    return afterCheck(current, check, rules, nowMs);
  }

  /**
   * UNKNOWN when the agent has been silent for {@code missedIntervals × intervalMs} by the wall clock.
   * Silence counts from the agent's last check or from {@code watchedSinceMs}, whichever is later:
   * checks that arrived while no instance was processing (a restart, a rebalance) are still to be
   * read, so an instance gives every agent a full silence period from when it took the agent over.
   */
  public static Step onSilence(AgentStatus current, long nowMs, long watchedSinceMs, long intervalMs,
      int missedIntervals) {
    long limitMs = intervalMs * missedIntervals;
    long heardFromMs = Math.max(current.getLastSeenAt().toEpochMilli(), watchedSinceMs);
    if (current.getHealth() == AgentHealth.UNKNOWN || nowMs - heardFromMs < limitMs) {
      return Step.unchanged(current);
    }
    String reason = "no check for " + Durations.format(Duration.ofMillis(limitMs)) + " (" + missedIntervals
        + (missedIntervals == 1 ? " interval)" : " intervals)");
    return toUnknown(current, nowMs, reason);
  }

  /** UNKNOWN because the agent's card was deleted; the caller then removes the status. */
  public static Step onDeregistration(AgentStatus current, long nowMs) {
    if (current.getHealth() == AgentHealth.UNKNOWN) {
      return Step.unchanged(current);
    }
    return toUnknown(current, nowMs, "deregistered");
  }

  private static boolean isOutOfOrder(AgentStatus current, HealthCheckResult check) {
    return current.getLastCheck() != null && check.getCheckedAt().isBefore(current.getLastCheck().getCheckedAt());
  }

  private static Step fromUnknown(AgentStatus current, HealthCheckResult check, Rules rules, long nowMs, long retiredSequence) {
    AgentHealth h = check.getHealth();
    long sequence = (current == null ? retiredSequence : current.getTransitions()) + 1;
    int failures = current == null ? 0 : current.getConsecutiveFailures();
    int successes = current == null ? 0 : current.getConsecutiveSuccesses();
    AgentStatus next = AgentStatus.newBuilder()
        .setAgent(check.getAgent())
        .setHealth(h)
        .setSince(check.getCheckedAt())
        .setStreakHealth(h)
        .setStreak(0)
        .setConsecutiveFailures(h == AgentHealth.UNHEALTHY ? failures + 1 : 0)
        .setConsecutiveSuccesses(h == AgentHealth.UNHEALTHY ? 0 : successes + 1)
        .setTransitions(sequence)
        .setLastCheck(check)
        .setLastSeenAt(Instant.ofEpochMilli(nowMs))
        .setIntervalMs(rules.intervalMs())
        .build();
    String reason = current == null ? "first check" : "checks resumed";
    return Step.transitioned(next, transition(next, AgentHealth.UNKNOWN, check.getCheckedAt(), reason, check.getError()));
  }

  private static Step afterCheck(AgentStatus current, HealthCheckResult check, Rules rules, long nowMs) {
    AgentHealth effective = current.getHealth();
    AgentHealth h = check.getHealth();
    AgentStatus.Builder next = AgentStatus.newBuilder(current)
        .setConsecutiveFailures(h == AgentHealth.UNHEALTHY ? current.getConsecutiveFailures() + 1 : 0)
        .setConsecutiveSuccesses(h == AgentHealth.UNHEALTHY ? 0 : current.getConsecutiveSuccesses() + 1)
        .setLastCheck(check)
        .setLastSeenAt(Instant.ofEpochMilli(nowMs))
        .setIntervalMs(rules.intervalMs());
    boolean runContinues = current.getStreak() > 0;
    if (h == effective) {
      next.setStreak(0).setStreakHealth(effective);
      return Step.updated(next.build());
    }
    boolean worse = isWorse(h, effective);
    boolean sameSide = runContinues && (worse ? isWorse(current.getStreakHealth(), effective) : isBetter(current.getStreakHealth(), effective));
    int streak = sameSide ? current.getStreak() + 1 : 1;
    AgentHealth target = !sameSide ? h : worse ? best(current.getStreakHealth(), h) : worst(current.getStreakHealth(), h);
    int threshold = worse ? rules.unhealthyAfter() : rules.healthyAfter();
    if (streak < threshold) {
      next.setStreak(streak).setStreakHealth(target);
      return Step.updated(next.build());
    }
    AgentStatus changed = next
        .setHealth(target)
        .setSince(check.getCheckedAt())
        .setStreak(0)
        .setStreakHealth(target)
        .setTransitions(current.getTransitions() + 1)
        .build();
    String reason = streak + " consecutive checks " + target + suffix(target, worse);
    return Step.transitioned(changed, transition(changed, effective, check.getCheckedAt(), reason, check.getError()));
  }

  private static String suffix(AgentHealth target, boolean worse) {
    if (worse) {
      return target == AgentHealth.UNHEALTHY ? "" : " or worse";
    }
    return target == AgentHealth.HEALTHY ? "" : " or better";
  }

  private static Step toUnknown(AgentStatus current, long nowMs, String reason) {
    Instant now = Instant.ofEpochMilli(nowMs);
    AgentStatus next = AgentStatus.newBuilder(current)
        .setHealth(AgentHealth.UNKNOWN)
        .setSince(now)
        .setStreak(0)
        .setStreakHealth(AgentHealth.UNKNOWN)
        .setTransitions(current.getTransitions() + 1)
        .build();
    String lastError = current.getLastCheck() == null ? null : current.getLastCheck().getError();
    return Step.transitioned(next, transition(next, current.getHealth(), now, reason, lastError));
  }

  private static HealthTransition transition(AgentStatus after, AgentHealth from, Instant at, String reason, String lastError) {
    return HealthTransition.newBuilder()
        .setId(transitionId(after.getAgent(), after.getTransitions()))
        .setAgent(after.getAgent())
        .setFrom(from)
        .setTo(after.getHealth())
        .setAt(at)
        .setReason(reason)
        .setLastError(lastError)
        .build();
  }

  /** {@code <agent>#<sequence>}. */
  public static String transitionId(String agent, long sequence) {
    return agent + "#" + sequence;
  }
}
