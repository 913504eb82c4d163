package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  private static final Request GET = new Request("GET", "/health", "HTTP/1.1", Map.of());

  @Test
  void flakyOutcomesDependOnlyOnSeedAndSequence() {
    // Given
    Behaviour flaky = Behaviour.flaky(0.5, Duration.ZERO, 11);

    // When
    List<Integer> once = statuses(flaky, 50);
    List<Integer> again = statuses(Behaviour.flaky(0.5, Duration.ZERO, 11), 50);
    List<Integer> otherSeed = statuses(Behaviour.flaky(0.5, Duration.ZERO, 12), 50);

    // Then
    assertEquals(once, again);
    assertNotEquals(once, otherSeed);
  }

  @Test
  void idleConnectionIsDroppedButNotAFreshOne() {
    // Given
    Behaviour drops = Behaviour.dropsIdleConnections(Duration.ofSeconds(10), true);

    // When
    Reply fresh = drops.reply(context(0, true, Duration.ofMinutes(1)));
    Reply busy = drops.reply(context(1, false, Duration.ofSeconds(9)));
    Reply idle = drops.reply(context(2, false, Duration.ofSeconds(11)));

    // Then
    assertInstanceOf(Reply.Send.class, fresh);
    assertInstanceOf(Reply.Send.class, busy);
    assertEquals(new Reply.Close(true), idle);
  }

  @Test
  void downRefusesConnections() {
    // When / Then
    assertFalse(Behaviour.down().acceptsConnections());
  }

  @Test
  void redirectLoopPointsAtTheAgentsUrl() {
    // When
    Reply.Send reply = (Reply.Send) Behaviour.redirectLoop().reply(context(0, true, Duration.ZERO));

    // Then
    assertEquals(302, reply.response().status());
    assertEquals(new Response.Header("Location", "http://127.0.1.1:8080/health"), reply.response().headers().get(0));
  }

  @Test
  void redirectChainNeverRepeatsALocation() {
    // When
    Reply.Send first = (Reply.Send) Behaviour.redirectChain().reply(context(0, true, Duration.ZERO));
    Reply.Send second = (Reply.Send) Behaviour.redirectChain().reply(context(1, false, Duration.ZERO));

    // Then
    assertEquals(302, first.response().status());
    assertEquals(new Response.Header("Location", "http://127.0.1.1:8080/health?hop=1"), first.response().headers().get(0));
    assertEquals(new Response.Header("Location", "http://127.0.1.1:8080/health?hop=2"), second.response().headers().get(0));
  }

  @Test
  void nonsenseIsRejectedWhenBuilt() {
    assertThrows(IllegalArgumentException.class, () -> Behaviour.flaky(1.5, Duration.ZERO, 1));
    assertThrows(IllegalArgumentException.class, () -> Behaviour.healthy(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> Behaviour.trickle(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Behaviour.status(99, ""));
  }

  @Test
  void aRejectedDurationReadsAsDurationsAreWritten() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Behaviour.trickle(Duration.ZERO));

    assertEquals("every: must be positive, got 0s", e.getMessage());
  }

  private static List<Integer> statuses(Behaviour b, int n) {
    return LongStream.range(0, n)
        .mapToObj(i -> ((Reply.Send) b.reply(context(i, false, Duration.ZERO))).response().status())
        .toList();
  }

  private static RequestContext context(long sequence, boolean first, Duration idle) {
    return new RequestContext("http://127.0.1.1:8080/health", sequence, first, idle, GET);
  }
}
