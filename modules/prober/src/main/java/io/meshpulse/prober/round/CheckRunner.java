package io.meshpulse.prober.round;

import io.meshpulse.prober.HealthClassifier;
import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.prober.Verdict;
import io.meshpulse.prober.http.HttpProber;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one check: waits for a concurrency slot and, when it must open a connection, for a turn to
 * connect (both untimed, reported as queued time), probes, classifies, and turns the outcome into
 * the record published for it.
 */
final class CheckRunner implements AutoCloseable {

  private final HttpProber http;
  private final ConcurrencyLimiter limiter;
  private final ConnectGate connects;
  private final InstantSource clock;
  private final String proberId;

  CheckRunner(HttpProber http, int maxConcurrency, int maxConnecting, InstantSource clock, String proberId) {
    this.http = http;
    this.limiter = new ConcurrencyLimiter(maxConcurrency);
    this.connects = new ConnectGate(maxConnecting);
    this.clock = clock;
    this.proberId = proberId;
  }

  /**
   * A check's result and how late it started after it was due (scheduling delay and the waits
   * for a slot and a turn to connect: the prober's own lag, not the agent's).
   */
  record Checked(HealthCheckResult result, double startLagMs) {}

  /** A check of {@code target} that was due at {@code dueNanos}; never completes exceptionally. */
  CompletableFuture<Checked> run(ProbeTarget target, long roundId, long dueNanos) {
    return limiter.acquire().thenCompose(slot -> connects.enter(target.name())).thenCompose(turn -> {
      long startNanos = System.nanoTime();
      Instant checkedAt = clock.instant();
      double startLagMs = Math.max(0, startNanos - dueNanos) / 1e6;
      return http.probe(target.uri(), target.timeout(), turn::end)
          .thenApply(outcome -> {
            connects.checked(target.name(), outcome);
            return new Checked(result(target, roundId, checkedAt, startLagMs, outcome), startLagMs);
          })
          .whenComplete((checked, error) -> {
            turn.end();
            limiter.release();
          });
    });
  }

  /** Drops what is known of agents no longer among {@code registered}. */
  void retainOnly(Set<String> registered) {
    connects.retainOnly(registered);
  }

  @Override
  public void close() {
    connects.close();
  }

  int waitingForSlot() {
    return limiter.waiting();
  }

  private HealthCheckResult result(ProbeTarget target, long roundId, Instant checkedAt, double slotWaitMs,
      ProbeOutcome outcome) {
    Verdict verdict = HealthClassifier.classify(outcome, target.rules());
    return HealthCheckResult.newBuilder()
        .setAgent(target.name())
        .setUrl(target.safeUrl())
        .setHealth(verdict.health())
        .setResponseTimeMs(outcome.responseTimeMs())
        .setFirstByteMs(outcome.firstByteMs())
        .setQueuedMs(slotWaitMs + outcome.beforeSendMs())
        .setError(verdict.error())
        .setFailureKind(verdict.kind())
        .setHttpStatus(outcome.httpStatus())
        .setCheckedAt(checkedAt)
        .setProberId(proberId)
        .setRoundId(roundId)
        .setTimeoutMs(target.timeout().toMillis())
        .setAttempts(outcome.attempts())
        .build();
  }
}
