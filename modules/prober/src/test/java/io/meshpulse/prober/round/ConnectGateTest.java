package io.meshpulse.prober.round;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.prober.http.HttpReply;
import io.meshpulse.prober.http.ProbeFailure;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.FailureKind;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectGateTest {

  private static final ProbeOutcome ANSWERED =
      new ProbeOutcome(new HttpReply(200, null, null, null, false), null, 200, 0, 1, 2, 3, 1);
  private static final ProbeOutcome TIMED_OUT =
      new ProbeOutcome(null, new ProbeFailure(FailureKind.TIMEOUT, "timeout after 1000 ms (no response)"), 0, 0, 1, 0,
          3, 1);

  private final ConnectGate gate = new ConnectGate(1);

  @AfterEach
  void close() {
    gate.close();
  }

  @Test
  void agentsWithoutAKeptConnectionConnectOneTurnAtATime() {
    // Given
    CompletableFuture<ConnectGate.Turn> first = gate.enter("a");

    // When
    CompletableFuture<ConnectGate.Turn> second = gate.enter("b");

    // Then
    assertTrue(first.isDone());
    assertFalse(second.isDone(), "waits while the first connects");
    first.join().end();
    await().atMost(Duration.ofSeconds(5)).until(second::isDone);
  }

  @Test
  void endingATurnTwiceFreesOneTurnOnly() {
    // Given
    ConnectGate.Turn first = gate.enter("a").join();
    CompletableFuture<ConnectGate.Turn> second = gate.enter("b");
    CompletableFuture<ConnectGate.Turn> third = gate.enter("c");

    // When: the request went out, then the check ended
    first.end();
    first.end();

    // Then
    await().atMost(Duration.ofSeconds(5)).until(second::isDone);
    assertFalse(third.isDone(), "one turn was freed, not two");
  }

  @Test
  void agentWhoseLastCheckKeptItsConnectionNeedsNoTurn() {
    // Given: the only turn is taken
    gate.enter("other").join();
    gate.checked("kept", ANSWERED);

    // When
    CompletableFuture<ConnectGate.Turn> turn = gate.enter("kept");

    // Then
    assertTrue(turn.isDone());
    assertSame(ConnectGate.Turn.NONE, turn.join());
  }

  @Test
  void agentWhoseLastCheckLostItsConnectionWaitsForATurnAgain() {
    // Given
    gate.enter("other").join();
    gate.checked("lost", ANSWERED);
    gate.checked("lost", TIMED_OUT);

    // When
    CompletableFuture<ConnectGate.Turn> turn = gate.enter("lost");

    // Then
    assertFalse(turn.isDone(), "its timed-out connection was dropped: it connects anew");
  }

  @Test
  void deregisteredAgentIsForgottenAndWaitsForATurnIfItComesBack() {
    // Given
    gate.enter("other").join();
    gate.checked("gone", ANSWERED);
    gate.checked("staying", ANSWERED);

    // When
    gate.retainOnly(Set.of("staying"));

    // Then
    assertFalse(gate.enter("gone").isDone(), "nothing is kept of an agent that left the registry");
    assertTrue(gate.enter("staying").isDone());
  }
}
