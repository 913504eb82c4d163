package io.meshpulse.prober.round;

import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One round: every target checked once, each at its jitter offset from the round's start, all
 * in parallel. Each result goes to the sink as soon as it is known; the round completes with
 * its summary when the last check ends.
 */
final class ProbeRound {

  private final long roundId;
  private final long startNanos = System.nanoTime();
  private final Queue<HealthCheckResult> results = new ConcurrentLinkedQueue<>();
  private final AtomicLong maxStartLagNanos = new AtomicLong();

  private ProbeRound(long roundId) {
    this.roundId = roundId;
  }

  static CompletableFuture<RoundOutcome> run(long roundId, List<ProbeTarget> targets, int skipped, Duration jitter,
      CheckRunner runner, ScheduledExecutorService starter, Consumer<HealthCheckResult> onResult) {
    ProbeRound round = new ProbeRound(roundId);
    CompletableFuture<?>[] checks = targets.stream()
        .map(target -> round.schedule(target, jitter, runner, starter, onResult))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(checks).thenApply(done -> round.outcome(targets.size(), skipped));
  }

  private CompletableFuture<Void> schedule(ProbeTarget target, Duration jitter, CheckRunner runner,
      ScheduledExecutorService starter, Consumer<HealthCheckResult> onResult) {
    long offset = JitterOffsets.offsetNanos(target.name(), jitter);
    long dueNanos = startNanos + offset;
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable start = () -> runner.run(target, roundId, dueNanos).whenComplete((checked, error) -> {
      if (checked != null) {
        maxStartLagNanos.accumulateAndGet((long) (checked.startLagMs() * 1e6), Math::max);
        results.add(checked.result());
        onResult.accept(checked.result());
      }
      done.complete(null);
    });
    if (offset == 0) {
      start.run();
    } else {
      starter.schedule(start, offset, TimeUnit.NANOSECONDS);
    }
    return done;
  }

  private RoundOutcome outcome(int total, int skipped) {
    List<HealthCheckResult> all = List.copyOf(results);
    int healthy = count(all, AgentHealth.HEALTHY);
    int degraded = count(all, AgentHealth.DEGRADED);
    int unhealthy = count(all, AgentHealth.UNHEALTHY);
    double mean = all.stream().mapToDouble(HealthCheckResult::getResponseTimeMs).average().orElse(0);
    double wallMs = (System.nanoTime() - startNanos) / 1e6;
    RoundSummary summary = new RoundSummary(roundId, total, healthy, degraded, unhealthy, skipped, mean, wallMs,
        maxStartLagNanos.get() / 1e6);
    return new RoundOutcome(all, summary);
  }

  private static int count(List<HealthCheckResult> results, AgentHealth health) {
    return (int) results.stream().filter(r -> r.getHealth() == health).count();
  }
}
