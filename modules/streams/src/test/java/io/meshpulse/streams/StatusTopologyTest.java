package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.schema.AgentHealth.UNHEALTHY;
import static io.meshpulse.schema.AgentHealth.UNKNOWN;
import static io.meshpulse.streams.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.testkit.LogCapture;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.kstream.internals.KTableSource;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusTopologyTest {

  private final TopologyFixture f = new TopologyFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private List<HealthTransition> transitions() {
    return f.transitions.readValuesToList();
  }

  @Test
  void firstCheckSetsTheStatusAtOnce() {
    f.check("a", UNHEALTHY, T0.minusSeconds(5));

    HealthTransition t = f.transitions.readKeyValue().value;
    assertEquals("a#1", t.getId());
    assertEquals(UNKNOWN, t.getFrom());
    assertEquals(UNHEALTHY, t.getTo());
    assertEquals("first check", t.getReason());
    assertEquals(UNHEALTHY, f.status("a").getHealth());
  }

  @Test
  void threeFailuresTurnAgentUnhealthy() {
    f.check("a", HEALTHY, T0.minusSeconds(40));
    f.check("a", UNHEALTHY, T0.minusSeconds(30));
    f.check("a", UNHEALTHY, T0.minusSeconds(20));
    f.check("a", UNHEALTHY, T0.minusSeconds(10));

    List<HealthTransition> ts = transitions();

    assertEquals(2, ts.size(), ts.toString());
    HealthTransition t = ts.get(1);
    assertEquals("a#2", t.getId());
    assertEquals(HEALTHY, t.getFrom());
    assertEquals(UNHEALTHY, t.getTo());
    assertEquals(T0.minusSeconds(10), t.getAt());
    assertEquals("3 consecutive checks UNHEALTHY", t.getReason());
    assertEquals("HTTP 503", t.getLastError());
  }

  @Test
  void blipUnderTheThresholdMakesNoTransition() {
    f.check("a", HEALTHY, T0.minusSeconds(40));
    f.check("a", UNHEALTHY, T0.minusSeconds(30));
    f.check("a", UNHEALTHY, T0.minusSeconds(20));
    f.check("a", HEALTHY, T0.minusSeconds(10));

    assertEquals(List.of("first check"), transitions().stream().map(HealthTransition::getReason).toList());
    assertEquals(HEALTHY, f.status("a").getHealth());
  }

  @Test
  void degradedIsAStateOfItsOwnReachedFromEitherSide() {
    f.check("a", HEALTHY, T0.minusSeconds(60));
    f.check("a", DEGRADED, T0.minusSeconds(50));
    f.check("a", DEGRADED, T0.minusSeconds(40));
    f.check("a", DEGRADED, T0.minusSeconds(30));
    f.check("b", UNHEALTHY, T0.minusSeconds(30));
    f.check("b", DEGRADED, T0.minusSeconds(20));
    f.check("b", DEGRADED, T0.minusSeconds(10));

    List<String> changes = transitions().stream()
        .map(t -> t.getId() + " " + t.getFrom() + "->" + t.getTo() + " (" + t.getReason() + ")").toList();

    assertEquals(List.of("a#1 UNKNOWN->HEALTHY (first check)",
        "a#2 HEALTHY->DEGRADED (3 consecutive checks DEGRADED or worse)",
        "b#1 UNKNOWN->UNHEALTHY (first check)",
        "b#2 UNHEALTHY->DEGRADED (2 consecutive checks DEGRADED or better)"), changes);
    assertEquals(DEGRADED, f.status("a").getHealth());
    assertEquals(DEGRADED, f.status("b").getHealth());
  }

  @Test
  void outOfOrderCheckDoesNotMoveTheStatusBack() {
    f.check("a", HEALTHY, T0.minusSeconds(20));
    f.check("a", HEALTHY, T0.minusSeconds(10));
    f.check("a", UNHEALTHY, T0.minusSeconds(15));

    AgentStatus status = f.status("a");

    assertEquals(T0.minusSeconds(10), status.getLastCheck().getCheckedAt());
    assertEquals(0, status.getConsecutiveFailures());
    assertEquals(0, status.getStreak());
  }

  @Test
  void statusStoreHoldsTheLatestStatus() {
    f.check("a", HEALTHY, T0.minusSeconds(30));
    f.check("a", UNHEALTHY, T0.minusSeconds(20));
    f.check("a", UNHEALTHY, T0.minusSeconds(10));

    AgentStatus status = f.status("a");

    assertEquals(HEALTHY, status.getHealth());
    assertEquals(2, status.getStreak());
    assertEquals(UNHEALTHY, status.getStreakHealth());
    assertEquals(2, status.getConsecutiveFailures());
    assertEquals(T0.minusSeconds(10), status.getLastCheck().getCheckedAt());
    assertEquals(T0, status.getLastSeenAt());
    assertEquals(10_000, status.getIntervalMs());
  }

  @Test
  void cardThresholdsOverrideTheDefaults() {
    f.register(AgentCard.newBuilder(Checks.card("a")).setUnhealthyAfter(1).build());
    f.check("a", HEALTHY, T0.minusSeconds(20));
    f.check("a", UNHEALTHY, T0.minusSeconds(10));

    assertEquals(UNHEALTHY, f.status("a").getHealth());
    assertEquals("1 consecutive checks UNHEALTHY", transitions().get(1).getReason());
  }

  @Test
  void silentAgentTurnsUnknownAfterMissedIntervals() {
    f.register("a");
    f.check("a", HEALTHY, T0.minusSeconds(5));
    transitions();

    f.advanceWallClock(Duration.ofSeconds(29));
    assertTrue(f.transitions.isEmpty());
    f.advanceWallClock(Duration.ofSeconds(1));

    HealthTransition t = f.transitions.readValue();
    assertEquals(HEALTHY, t.getFrom());
    assertEquals(UNKNOWN, t.getTo());
    assertEquals("no check for 30s (3 intervals)", t.getReason());
    assertEquals(T0.plusSeconds(30), t.getAt());
    assertEquals(UNKNOWN, f.status("a").getHealth());
  }

  @Test
  void transitionsStayInTimestampOrderWhenAnOlderCheckEndsASilence() {
    f.register("a");
    f.check("a", HEALTHY, T0.minusSeconds(5));
    f.advanceWallClock(Duration.ofSeconds(30));
    try (LogCapture tableLog = new LogCapture(KTableSource.class)) {

      f.check("a", HEALTHY, T0.plusSeconds(10)); // checked before the wall clock called the silence

      List<TestRecord<String, HealthTransition>> ts = f.transitions.readRecordsToList();
      assertEquals(List.of("first check", "no check for 30s (3 intervals)", "checks resumed"),
          ts.stream().map(r -> r.value().getReason()).toList());
      assertEquals(T0.plusSeconds(30), ts.get(2).getRecordTime(), "not before the UNKNOWN it ends");
      assertEquals(List.of(), tableLog.events().stream().map(e -> e.getFormattedMessage()).toList());
    }
  }

  @Test
  void cardIntervalSetsWhenAnAgentIsSilent() {
    f.register(AgentCard.newBuilder(Checks.card("a")).setIntervalMs(5_000L).build());
    f.check("a", HEALTHY, T0.minusSeconds(5));
    transitions();

    f.advanceWallClock(Duration.ofSeconds(15));

    assertEquals("no check for 15s (3 intervals)", f.transitions.readValue().getReason());
  }

  @Test
  void unregisteredAgentIsRemovedOnceUnknown() {
    f.check("ghost", HEALTHY, T0.minusSeconds(5));
    transitions();

    f.advanceWallClock(Duration.ofSeconds(30));

    assertEquals(UNKNOWN, f.transitions.readValue().getTo());
    assertNull(f.status("ghost"));
  }

  @Test
  void deregistrationRemovesTheStatus() {
    f.register("a");
    f.check("a", HEALTHY, T0.minusSeconds(5));
    transitions();

    f.deregister("a");

    assertNull(f.status("a"));
    HealthTransition t = f.transitions.readValue();
    assertEquals(UNKNOWN, t.getTo());
    assertEquals("deregistered", t.getReason());
    assertEquals("a#2", t.getId());
  }

  @Test
  void checkUnderWayWhenItsAgentWasDeregisteredDoesNotBringItBack() {
    // Given: a deregistered agent whose last check was still running
    deregisteredAfterACheck("a");

    // When: that check's result arrives
    f.check("a", UNHEALTHY, T0.minusSeconds(1));

    // Then: no alert, no status
    assertEquals(List.of(), transitions());
    assertNull(f.status("a"));
  }

  @Test
  void checksOfADeregisteredAgentLongAfterwardsShowItUnregistered() {
    // Given
    deregisteredAfterACheck("a");

    // When: someone still checks it, rounds after the deregistration
    f.advanceWallClock(Duration.ofMinutes(5));
    f.check("a", UNHEALTHY, T0.plus(Duration.ofMinutes(5)));

    // Then: it is seen again, and its transition ids go on from the removed status
    List<HealthTransition> ts = transitions();
    assertEquals(List.of("a#3"), ts.stream().map(HealthTransition::getId).toList());
    assertNotNull(f.status("a"));
  }

  /** An agent registered, checked once and deregistered (its transitions a#1 and a#2 read). */
  private void deregisteredAfterACheck(String agent) {
    f.register(agent);
    f.check(agent, UNHEALTHY, T0.minusSeconds(5));
    f.deregister(agent);
    assertEquals(2, transitions().size());
  }

  @Test
  void transitionIdsDoNotRepeatAfterTheStatusIsRemoved() {
    f.register("a");
    f.check("a", HEALTHY, T0.minusSeconds(20));
    f.deregister("a");
    f.register("a");
    f.check("a", HEALTHY, T0.minusSeconds(10));

    List<String> ids = transitions().stream().map(HealthTransition::getId).toList();

    assertEquals(List.of("a#1", "a#2", "a#3"), ids);
    assertNotNull(f.status("a"));
  }
}
