package io.meshpulse.prober.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.round.ResultSink;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real prober (rounds, HTTP client, classifier) over a fixed list of agents, run one round at a
 * time by the test. Results go to the given sink as the prober publishes them.
 */
final class ProberRig implements AutoCloseable {

  /** Longer than any round of these tests; a round that takes this long is a failure. */
  private static final Duration ROUND_LIMIT = Duration.ofSeconds(60);

  private final RoundScheduler rounds;
  private final SimpleMeterRegistry meters;
  private boolean closed;

  private ProberRig(RoundScheduler rounds, SimpleMeterRegistry meters) {
    this.rounds = rounds;
    this.meters = meters;
  }

  static ProberRig start(Map<String, String> settings, List<AgentCard> agents) {
    return start(settings, agents, Clock.systemUTC(), result -> { });
  }

  static ProberRig start(Map<String, String> settings, List<AgentCard> agents, ResultSink sink) {
    return start(settings, agents, Clock.systemUTC(), sink);
  }

  static ProberRig start(Map<String, String> settings, List<AgentCard> agents, InstantSource clock, ResultSink sink) {
    return start(settings, AgentRegistry.of(agents), clock, sink);
  }

  static ProberRig start(Map<String, String> settings, AgentRegistry registry, InstantSource clock, ResultSink sink) {
    Map<String, String> withId = new HashMap<>(settings);
    withId.putIfAbsent("prober-id", "prober-it");
    ProberConfig config = ProberConfig.fromMap(withId);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    return new ProberRig(new RoundScheduler(config, registry, sink, meters, clock), meters);
  }

  /** Starts the prober's own schedule: a round now and then every interval, as in production. */
  void startRounds() {
    rounds.start();
  }

  /** Runs one round now and waits for its last result. */
  RoundOutcome round() throws Exception {
    return roundAsync().get(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts one round now; the future completes with its last result. */
  CompletableFuture<RoundOutcome> roundAsync() {
    return rounds.runOnce();
  }

  /** The prober's meters, as a monitoring system would read them. */
  SimpleMeterRegistry meters() {
    return meters;
  }

  /** The single result of {@code agent} in {@code outcome}. */
  static HealthCheckResult resultOf(RoundOutcome outcome, String agent) {
    List<HealthCheckResult> found = outcome.results().stream().filter(r -> r.getAgent().equals(agent)).toList();
    assertEquals(1, found.size(), () -> "results of " + agent + " in round: " + outcome.results());
    return found.get(0);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      rounds.close(Duration.ofSeconds(1));
    }
  }
}
