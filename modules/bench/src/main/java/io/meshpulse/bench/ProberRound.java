package io.meshpulse.bench;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A round of the prober as the product runs it: its round scheduler, check runner and HTTP client,
 * with its default settings (results are classified but not published: Kafka is not measured here).
 */
final class ProberRound implements RoundSample.MeasuredRound, AutoCloseable {

  private final RoundScheduler rounds;

  ProberRound(List<AgentCard> agents, Duration timeout) {
    ProberConfig config = ProberConfig.fromMap(Map.of("prober-id", "bench", "timeout", timeout.toMillis() + "ms"));
    this.rounds = new RoundScheduler(config, AgentRegistry.of(agents), result -> { }, new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  @Override
  public Result run() {
    RoundOutcome outcome = rounds.runOnce().join();
    int healthy = (int) outcome.results().stream().filter(r -> r.getHealth() == AgentHealth.HEALTHY).count();
    return Result.of(outcome.summary().wallMs(), healthy, outcome.results().stream()
        .filter(r -> r.getHealth() != AgentHealth.HEALTHY).map(r -> String.valueOf(r.getFailureKind())));
  }

  @Override
  public void close() {
    rounds.close(Duration.ofSeconds(5));
  }
}
