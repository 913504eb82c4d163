package io.meshpulse.prober.round;

import io.meshpulse.schema.HealthCheckResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The prober's meters: checks by health, round wall time, agents, lag and skipped checks. */
final class ProberMetrics {

  private final MeterRegistry meters;
  private final Timer roundWall;
  private final Counter skipped;
  private final AtomicLong lagMillis = new AtomicLong();
  private final AtomicLong agents = new AtomicLong();

  ProberMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.roundWall = Timer.builder("meshpulse.prober.round.wall").description("from a round's start to its last result")
        .register(meters);
    this.skipped = Counter.builder("meshpulse.prober.checks.skipped")
        .description("checks not run because the agent's previous check was still running").register(meters);
    Gauge.builder("meshpulse.prober.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
        .description("how late the last round's latest check started after it was due").register(meters);
    Gauge.builder("meshpulse.prober.agents", agents, AtomicLong::get).description("agents in the last round")
        .register(meters);
  }

  void check(HealthCheckResult result) {
    meters.counter("meshpulse.prober.checks", "health", result.getHealth().name()).increment();
  }

  void round(RoundSummary summary) {
    roundWall.record(Duration.ofNanos((long) (summary.wallMs() * 1e6)));
    skipped.increment(summary.skipped());
    lagMillis.set((long) summary.maxStartLagMs());
    agents.set(summary.total());
  }
}
