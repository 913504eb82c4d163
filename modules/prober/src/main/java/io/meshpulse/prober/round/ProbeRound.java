package io.meshpulse.prober.round;

import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One round: every target checked once, each at its jitter offset from the round's start, all
 * in parallel. Each result goes to the sink as soon as it is known; the round completes with
 * its summary when the last check ends. An agent whose previous check is still running when this
 * one is due (it is in {@code inFlight}) is skipped; the check is due at its offset, not at the
 * round's start, so a check late in one window does not cost the agent the next round.
 */
final class ProbeRound {

  private final long roundId;
  private final long startNanos = System.nanoTime();
  private final Queue<HealthCheckResult> results = new ConcurrentLinkedQueue<>();
  private final AtomicLong maxStartLagNanos = new AtomicLong();
  private final AtomicInteger skipped = new AtomicInteger();

  private ProbeRound(long roundId) {
    this.roundId = roundId;
  }

  /**
   * @param inFlight names of the agents being checked, shared by the rounds: a check claims its
   *     agent when due and frees it when it ends
   */
  static CompletableFuture<RoundOutcome> run(long roundId, List<ProbeTarget> targets, JitterOffsets jitter,
      CheckRunner runner, ScheduledExecutorService starter, Set<String> inFlight, Consumer<HealthCheckResult> onResult) {
    ProbeRound round = new ProbeRound(roundId);
    CompletableFuture<?>[] checks = targets.stream()
        .map(target -> round.schedule(target, jitter, runner, starter, inFlight, onResult))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(checks).thenApply(done -> round.outcome(targets.size()));
  }

  private CompletableFuture<Void> schedule(ProbeTarget target, JitterOffsets jitter, CheckRunner runner,
      ScheduledExecutorService starter, Set<String> inFlight, Consumer<HealthCheckResult> onResult) {
    long offset = jitter.offsetNanos(target.name());
    long dueNanos = startNanos + offset;
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable start = () -> {
      if (!inFlight.add(target.name())) {
        skipped.incrementAndGet();
        done.complete(null);
        return;
      }
      runner.run(target, roundId, dueNanos).whenComplete((checked, error) -> {
        inFlight.remove(target.name());
        if (checked != null) {
          maxStartLagNanos.accumulateAndGet((long) (checked.startLagMs() * 1e6), Math::max);
          results.add(checked.result());
          onResult.accept(checked.result());
        }
        done.complete(null);
      });
    };
    if (offset == 0) {
      start.run();
    } else {
      starter.schedule(start, offset, TimeUnit.NANOSECONDS);
    }
    return done;
  }

  private RoundOutcome outcome(int due) {
    int total = due - skipped.get();
    List<HealthCheckResult> all = List.copyOf(results);
    int healthy = count(all, AgentHealth.HEALTHY);
    int degraded = count(all, AgentHealth.DEGRADED);
    int unhealthy = count(all, AgentHealth.UNHEALTHY);
    double mean = all.stream().mapToDouble(HealthCheckResult::getResponseTimeMs).average().orElse(0);
    double wallMs = (System.nanoTime() - startNanos) / 1e6;
    RoundSummary summary = new RoundSummary(roundId, total, healthy, degraded, unhealthy, skipped.get(), mean, wallMs,
        maxStartLagNanos.get() / 1e6);
    return new RoundOutcome(all, summary);
  }

  private static int count(List<HealthCheckResult> results, AgentHealth health) {
    return (int) results.stream().filter(r -> r.getHealth() == health).count();
  }
}
