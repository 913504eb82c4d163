package io.meshpulse.app.reference;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The threshold rule, written the plain way, for one agent: the effective health changes only when
 * the last N checks were all worse than it (to the best among them) or the last M all better (to
 * the worst among them). The run of such checks is kept as a list; a check equal to the effective
 * health, one on the other side, and every change restart it. A check older than the latest one
 * changes nothing; the first check sets the health at once.
 */
final class ReferenceStatus {

  /** Best first. */
  private static final List<AgentHealth> ORDER = List.of(AgentHealth.HEALTHY, AgentHealth.DEGRADED, AgentHealth.UNHEALTHY);

  private final String agent;
  private final int worseAfter;
  private final int betterAfter;
  private final List<AgentHealth> run = new ArrayList<>();
  private final List<Figures.Transition> transitions = new ArrayList<>();
  private AgentHealth health = AgentHealth.UNKNOWN;
  private Instant since;
  private Instant lastCheckedAt;
  private int failures;
  private int successes;

  ReferenceStatus(String agent, int worseAfter, int betterAfter) {
    this.agent = agent;
    this.worseAfter = worseAfter;
    this.betterAfter = betterAfter;
  }

  void onCheck(HealthCheckResult check) {
    if (lastCheckedAt != null && check.getCheckedAt().isBefore(lastCheckedAt)) {
      return;
    }
    lastCheckedAt = check.getCheckedAt();
    AgentHealth h = check.getHealth();
    failures = h == AgentHealth.UNHEALTHY ? failures + 1 : 0;
    successes = h == AgentHealth.UNHEALTHY ? 0 : successes + 1;
    if (health == AgentHealth.UNKNOWN) {
      change(h, check);
      return;
    }
    if (h == health) {
      run.clear();
      return;
    }
    if (!run.isEmpty() && isWorse(run.get(0)) != isWorse(h)) {
      run.clear();
    }
    run.add(h);
    if (run.size() >= (isWorse(h) ? worseAfter : betterAfter)) {
      change(runTarget(), check);
    }
  }

  Figures.Status figures() {
    return new Figures.Status(agent, health, since, run.isEmpty() ? health : runTarget(), run.size(), failures,
        successes, transitions.size(), lastCheckedAt);
  }

  List<Figures.Transition> transitions() {
    return List.copyOf(transitions);
  }

  AgentHealth health() {
    return health;
  }

  private void change(AgentHealth to, HealthCheckResult check) {
    transitions.add(new Figures.Transition(agent + "#" + (transitions.size() + 1), agent, health, to,
        check.getCheckedAt(), check.getError()));
    health = to;
    since = check.getCheckedAt();
    run.clear();
  }

  /** Where the run leads: the best of a run of worse checks, the worst of a run of better ones. */
  private AgentHealth runTarget() {
    Comparator<AgentHealth> byRank = Comparator.comparingInt(ORDER::indexOf);
    return isWorse(run.get(0)) ? run.stream().min(byRank).orElseThrow() : run.stream().max(byRank).orElseThrow();
  }

  private boolean isWorse(AgentHealth h) {
    return ORDER.indexOf(h) > ORDER.indexOf(health);
  }
}
