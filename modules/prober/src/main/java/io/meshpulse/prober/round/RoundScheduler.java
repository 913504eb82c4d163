package io.meshpulse.prober.round;

import io.meshpulse.prober.DaemonThreads;
import io.meshpulse.prober.ProbeTarget;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.http.HttpProber;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.schema.HealthCheckResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs probe rounds at a fixed rate: start-to-start stays at the interval whatever the checks
 * take. Each round reads the registry, so agents added or removed count from the next round.
 * An agent whose previous check is still running when its next one is due is skipped, not
 * reported: a check that did not run says nothing of the agent. One INFO line per round;
 * per-agent detail at DEBUG.
 */
public final class RoundScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RoundScheduler.class);

  private final ProberConfig config;
  private final AgentRegistry registry;
  private final ResultSink sink;
  private final HttpProber http;
  private final CheckRunner runner;
  private final ProberMetrics metrics;
  private final ScheduledThreadPoolExecutor scheduler = roundsThread();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Targets targets;
  private final AtomicLong rounds = new AtomicLong();

  public RoundScheduler(ProberConfig config, AgentRegistry registry, ResultSink sink, MeterRegistry meters,
      InstantSource clock) {
    this.config = config;
    this.registry = registry;
    this.sink = sink;
    this.http = new HttpProber(config.http());
    this.runner = new CheckRunner(http, config.maxConcurrency(), config.http().maxConnecting(), clock,
        config.proberId());
    this.metrics = new ProberMetrics(meters);
    this.targets = new Targets(config);
  }

  /** Checks waiting for their place in the jitter window are not started once closing. */
  private static ScheduledThreadPoolExecutor roundsThread() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("meshpulse-rounds"));
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }

  /** Starts rounds now and then every interval. */
  public void start() {
    scheduler.scheduleAtFixedRate(this::runScheduledRound, 0, config.interval().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs one round now, outside the schedule (the {@code check} command, tests). */
  public CompletableFuture<RoundOutcome> runOnce() {
    return CompletableFuture.supplyAsync(this::startRound, scheduler).thenCompose(round -> round);
  }

  private void runScheduledRound() {
    try {
      startRound().thenAccept(this::report);
    } catch (RuntimeException e) {
      // a bug must not end the schedule: ScheduledExecutorService would stop repeating
      LOG.error("round could not start: {}", e.getMessage(), e);
    }
  }

  private CompletableFuture<RoundOutcome> startRound() {
    long roundId = rounds.incrementAndGet();
    List<ProbeTarget> registered = targets.of(registry.agents());
    Set<String> names = registered.stream().map(ProbeTarget::name).collect(Collectors.toSet());
    runner.retainOnly(names);
    List<ProbeTarget> due = registered.stream()
        .filter(target -> dueThisRound(target, roundId))
        .toList();
    return ProbeRound.run(roundId, due, JitterOffsets.spread(names, config.jitter()), runner, scheduler, inFlight,
        this::onResult);
  }

  /** An agent with a longer interval than the prober's is checked every k-th round. */
  private boolean dueThisRound(ProbeTarget target, long roundId) {
    long every = Math.max(1, Math.round((double) target.interval().toNanos() / config.interval().toNanos()));
    return (roundId - 1) % every == 0;
  }

  private void onResult(HealthCheckResult result) {
    metrics.check(result);
    if (LOG.isDebugEnabled()) {
      LOG.debug("check agent={} health={} ms={} status={} kind={} error={}", result.getAgent(), result.getHealth(),
          Math.round(result.getResponseTimeMs()), result.getHttpStatus(), result.getFailureKind(), result.getError());
    }
    sink.accept(result);
  }

  private void report(RoundOutcome outcome) {
    RoundSummary summary = outcome.summary();
    metrics.round(summary);
    LOG.info(summary.line());
    double lagLimitMs = config.interval().toMillis() / 10.0;
    if (summary.skipped() > 0 || summary.maxStartLagMs() > lagLimitMs) {
      LOG.warn("prober is behind: round {} checks started up to {} ms late, {} agents skipped; "
              + "raise max-concurrency or the interval, or add prober instances", summary.roundId(),
          Math.round(summary.maxStartLagMs()), summary.skipped());
    }
  }

  /** Stops scheduling rounds and waits up to {@code timeout} for running checks to end. */
  public void close(Duration timeout) {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runner.close();
    http.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(1));
  }
}
