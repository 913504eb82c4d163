package io.meshpulse.prober.round;

import io.meshpulse.prober.DaemonThreads;
import io.meshpulse.prober.http.ProbeOutcome;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the checks opening a new connection at once. Thousands of connects at the same instant
 * (a first round, or agents added in bulk) keep the client's I/O threads busy long enough to time
 * checks out on the prober's account; in turns, each connect is quick. A check of an agent whose
 * previous check left a kept-alive connection goes straight through; any other waits for a turn,
 * which ends as soon as its request is on its connection, or with the check.
 */
final class ConnectGate implements AutoCloseable {

  private final ConcurrencyLimiter turns;
  private final Set<String> keptAlive = ConcurrentHashMap.newKeySet();
  /** Turns end on the client's threads; the next check starts from here, never inside the client. */
  private final ExecutorService handOn = Executors.newSingleThreadExecutor(DaemonThreads.named("meshpulse-connects"));

  ConnectGate(int maxConnecting) {
    this.turns = new ConcurrencyLimiter(maxConnecting);
  }

  /** A turn to check {@code agent}: at once when it has a kept-alive connection, else when one is free. */
  CompletableFuture<Turn> enter(String agent) {
    if (keptAlive.contains(agent)) {
      return CompletableFuture.completedFuture(Turn.NONE);
    }
    return turns.acquire().thenApply(free -> new Turn(this));
  }

  /** Notes whether {@code agent}'s check left its connection in the pool for the next one. */
  void checked(String agent, ProbeOutcome outcome) {
    boolean kept = outcome.reply() != null && !outcome.reply().truncated();
    // a read first: in steady state nothing changes, and a read takes no lock
    if (kept != keptAlive.contains(agent)) {
      if (kept) {
        keptAlive.add(agent);
      } else {
        keptAlive.remove(agent);
      }
    }
  }

  /** Forgets the agents not in {@code registered}, so the set follows the registry, not its history. */
  void retainOnly(Set<String> registered) {
    keptAlive.retainAll(registered);
  }

  private void handOn() {
    try {
      handOn.execute(turns::release);
    } catch (RejectedExecutionException closing) {
      turns.release();
    }
  }

  @Override
  public void close() {
    handOn.shutdown();
  }

  /** A check's turn to connect; ending it more than once is harmless. */
  static final class Turn {
    static final Turn NONE = new Turn(null);

    private final ConnectGate gate;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Turn(ConnectGate gate) {
      this.gate = gate;
    }

    void end() {
      if (gate != null && ended.compareAndSet(false, true)) {
        gate.handOn();
      }
    }
  }
}
