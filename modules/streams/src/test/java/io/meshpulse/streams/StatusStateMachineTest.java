package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static io.meshpulse.schema.AgentHealth.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.streams.StatusStateMachine.Rules;
import io.meshpulse.streams.StatusStateMachine.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusStateMachineTest {

  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  private static final Rules RULES = new Rules(3, 2, 10_000);

  /** Feeds checks 10 s apart from T, starting from {@code status}; collects the transitions. */
  private static final class Agent {
    AgentStatus status;
    final List<HealthTransition> transitions = new ArrayList<>();
    private final Rules rules;
    private int checks;

    Agent(Rules rules, AgentHealth... history) {
      this.rules = rules;
      feed(history);
      transitions.clear();
    }

    Agent feed(AgentHealth... healths) {
      for (AgentHealth h : healths) {
        Instant at = T.plusSeconds(10L * checks++);
        Step step = StatusStateMachine.onCheck(status, Checks.check("a", h, at), rules, at.toEpochMilli() + 50, 0);
        status = step.status();
        step.transition().ifPresent(transitions::add);
      }
      return this;
    }
  }

  @Test
  void firstCheckSetsTheHealthAtOnce() {
    Step step = StatusStateMachine.onCheck(null, Checks.check("a", UNHEALTHY, T), RULES, T.toEpochMilli() + 5, 0);

    assertEquals(UNHEALTHY, step.status().getHealth());
    HealthTransition t = step.transition().orElseThrow();
    assertEquals("a#1", t.getId());
    assertEquals(UNKNOWN, t.getFrom());
    assertEquals(UNHEALTHY, t.getTo());
    assertEquals("first check", t.getReason());
    assertEquals(T, t.getAt());
    assertEquals("HTTP 503", t.getLastError());
    assertEquals(T, step.status().getSince());
    assertEquals(T.plusMillis(5), step.status().getLastSeenAt());
    assertEquals(10_000, step.status().getIntervalMs());
  }

  @Test
  void firstCheckAfterUnknownSaysChecksResumed() {
    AgentStatus unknown = StatusStateMachine.onSilence(new Agent(RULES, HEALTHY).status, T.toEpochMilli() + 60_000,
        Long.MIN_VALUE, 10_000, 3).status();

    Step step = StatusStateMachine.onCheck(unknown, Checks.check("a", DEGRADED, T.plusSeconds(70)), RULES, T.toEpochMilli() + 70_000, 0);

    assertEquals(DEGRADED, step.status().getHealth());
    assertEquals("checks resumed", step.transition().orElseThrow().getReason());
    assertEquals("a#3", step.transition().orElseThrow().getId());
  }

  @Test
  void threeUnhealthyChecksTurnAHealthyAgentUnhealthy() {
    Agent agent = new Agent(RULES, HEALTHY);

    agent.feed(UNHEALTHY, UNHEALTHY);
    assertEquals(HEALTHY, agent.status.getHealth());
    assertTrue(agent.transitions.isEmpty());
    agent.feed(UNHEALTHY);

    assertEquals(UNHEALTHY, agent.status.getHealth());
    HealthTransition t = agent.transitions.get(0);
    assertEquals("a#2", t.getId());
    assertEquals(HEALTHY, t.getFrom());
    assertEquals("3 consecutive checks UNHEALTHY", t.getReason());
    assertEquals(T.plusSeconds(30), t.getAt());
    assertEquals(T.plusSeconds(30), agent.status.getSince());
  }

  @Test
  void blipUnderTheThresholdMakesNoTransition() {
    Agent agent = new Agent(RULES, HEALTHY);

    agent.feed(UNHEALTHY, UNHEALTHY, HEALTHY, UNHEALTHY, UNHEALTHY, HEALTHY);

    assertEquals(HEALTHY, agent.status.getHealth());
    assertTrue(agent.transitions.isEmpty());
    assertEquals(0, agent.status.getStreak());
  }

  @Test
  void runOfWorseChecksTakesTheBestHealthAmongThem() {
    Agent agent = new Agent(RULES, HEALTHY);

    agent.feed(UNHEALTHY, DEGRADED, UNHEALTHY);

    assertEquals(DEGRADED, agent.status.getHealth());
    assertEquals("3 consecutive checks DEGRADED or worse", agent.transitions.get(0).getReason());
  }

  @Test
  void runOfBetterChecksTakesTheWorstHealthAmongThem() {
    Agent agent = new Agent(RULES, UNHEALTHY);

    agent.feed(HEALTHY, DEGRADED);

    assertEquals(DEGRADED, agent.status.getHealth());
    assertEquals("2 consecutive checks DEGRADED or better", agent.transitions.get(0).getReason());
  }

  @Test
  void twoHealthyChecksBringAnUnhealthyAgentBack() {
    Agent agent = new Agent(RULES, UNHEALTHY);

    agent.feed(HEALTHY, HEALTHY);

    assertEquals(HEALTHY, agent.status.getHealth());
    assertEquals("2 consecutive checks HEALTHY", agent.transitions.get(0).getReason());
    assertEquals(UNHEALTHY, agent.transitions.get(0).getFrom());
  }

  @Test
  void checkEqualToTheEffectiveHealthRestartsTheRun() {
    Agent agent = new Agent(RULES, DEGRADED);

    agent.feed(UNHEALTHY, UNHEALTHY, DEGRADED, UNHEALTHY, UNHEALTHY);

    assertEquals(DEGRADED, agent.status.getHealth());
    assertTrue(agent.transitions.isEmpty());
    assertEquals(2, agent.status.getStreak());
    assertEquals(UNHEALTHY, agent.status.getStreakHealth());
  }

  @Test
  void checkOnTheOtherSideRestartsTheRun() {
    Agent agent = new Agent(RULES, DEGRADED);

    agent.feed(UNHEALTHY, UNHEALTHY, HEALTHY);
    assertEquals(1, agent.status.getStreak());
    assertEquals(HEALTHY, agent.status.getStreakHealth());
    agent.feed(UNHEALTHY);

    assertEquals(DEGRADED, agent.status.getHealth());
    assertEquals(1, agent.status.getStreak());
    assertEquals(UNHEALTHY, agent.status.getStreakHealth());
  }

  @Test
  void changeRestartsTheRun() {
    Agent agent = new Agent(RULES, HEALTHY);

    agent.feed(UNHEALTHY, UNHEALTHY, UNHEALTHY);

    assertEquals(0, agent.status.getStreak());
    assertEquals(UNHEALTHY, agent.status.getStreakHealth());
  }

  @Test
  void consecutiveCountersFollowTheChecks() {
    Agent agent = new Agent(RULES, HEALTHY, DEGRADED);
    assertEquals(2, agent.status.getConsecutiveSuccesses());

    agent.feed(UNHEALTHY, UNHEALTHY);

    assertEquals(2, agent.status.getConsecutiveFailures());
    assertEquals(0, agent.status.getConsecutiveSuccesses());
  }

  @Test
  void cardOverridesTheThresholds() {
    AgentCard card = AgentCard.newBuilder(Checks.card("a")).setUnhealthyAfter(1).setHealthyAfter(4).setIntervalMs(30_000L).build();
    Rules rules = Rules.of(card, TopologyConfig.defaults());
    Agent agent = new Agent(rules, HEALTHY);

    agent.feed(UNHEALTHY);
    assertEquals(UNHEALTHY, agent.status.getHealth());
    agent.feed(HEALTHY, HEALTHY, HEALTHY);
    assertEquals(UNHEALTHY, agent.status.getHealth());
    agent.feed(HEALTHY);

    assertEquals(HEALTHY, agent.status.getHealth());
    assertEquals(30_000, agent.status.getIntervalMs());
  }

  @Test
  void invalidOverridesFallBackToTheDefaults() {
    AgentCard card = AgentCard.newBuilder(Checks.card("a")).setUnhealthyAfter(0).setHealthyAfter(-2).setIntervalMs(0L).build();
    TopologyConfig config = TopologyConfig.defaults().with(Map.of(TopologyConfig.UNHEALTHY_AFTER, "4"));

    Rules rules = Rules.of(card, config);

    assertEquals(new Rules(4, 2, 10_000), rules);
    assertEquals(rules, Rules.of(null, config));
  }

  @Test
  void outOfOrderCheckChangesNothing() {
    Agent agent = new Agent(RULES, HEALTHY, HEALTHY);
    AgentStatus before = agent.status;

    Step step = StatusStateMachine.onCheck(before, Checks.check("a", UNHEALTHY, T.minusSeconds(5)), RULES, T.toEpochMilli() + 99_000, 0);

    assertSame(before, step.status());
    assertFalse(step.changed());
    assertTrue(step.transition().isEmpty());
  }

  @Test
  void silentAgentTurnsUnknownAfterItsMissedIntervals() {
    AgentStatus status = new Agent(RULES, UNHEALTHY).status;
    long lastSeen = status.getLastSeenAt().toEpochMilli();

    Step early = StatusStateMachine.onSilence(status, lastSeen + 29_999, Long.MIN_VALUE, 10_000, 3);
    Step late = StatusStateMachine.onSilence(status, lastSeen + 30_000, Long.MIN_VALUE, 10_000, 3);

    assertFalse(early.changed());
    HealthTransition t = late.transition().orElseThrow();
    assertEquals(UNKNOWN, late.status().getHealth());
    assertEquals(UNHEALTHY, t.getFrom());
    assertEquals("no check for 30s (3 intervals)", t.getReason());
    assertEquals(Instant.ofEpochMilli(lastSeen + 30_000), t.getAt());
    assertEquals("HTTP 503", t.getLastError());
    assertEquals("a#2", t.getId());
  }

  @Test
  void agentTakenOverAfterAGapGetsAFullSilencePeriodFromTheTakeOver() {
    AgentStatus status = new Agent(RULES, HEALTHY).status;
    long takenOver = status.getLastSeenAt().toEpochMilli() + 60_000;

    Step early = StatusStateMachine.onSilence(status, takenOver + 29_999, takenOver, 10_000, 3);
    Step late = StatusStateMachine.onSilence(status, takenOver + 30_000, takenOver, 10_000, 3);

    assertFalse(early.changed());
    assertEquals(UNKNOWN, late.status().getHealth());
  }

  @Test
  void silenceLeavesAnUnknownAgentAlone() {
    AgentStatus unknown = StatusStateMachine.onSilence(new Agent(RULES, HEALTHY).status, T.toEpochMilli() + 60_000,
        Long.MIN_VALUE, 10_000, 3).status();

    Step again = StatusStateMachine.onSilence(unknown, T.toEpochMilli() + 600_000, Long.MIN_VALUE, 10_000, 3);

    assertFalse(again.changed());
    assertTrue(again.transition().isEmpty());
  }

  @Test
  void deregistrationTurnsTheAgentUnknown() {
    Step step = StatusStateMachine.onDeregistration(new Agent(RULES, DEGRADED).status, T.toEpochMilli() + 1_000);

    assertEquals("deregistered", step.transition().orElseThrow().getReason());
    assertEquals(DEGRADED, step.transition().orElseThrow().getFrom());
    assertEquals(2, step.status().getTransitions());
  }

  @Test
  void newStatusContinuesTheSequenceOfARemovedOne() {
    Step step = StatusStateMachine.onCheck(null, Checks.check("a", HEALTHY, T), RULES, T.toEpochMilli(), 7);

    assertEquals("a#8", step.transition().orElseThrow().getId());
    assertEquals(8, step.status().getTransitions());
  }
}
