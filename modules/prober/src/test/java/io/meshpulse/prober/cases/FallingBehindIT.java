package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A prober that cannot keep up says so (the lag and skipped-check meters, a WARN line with the lag)
 * and never reports an agent unhealthy for a check that did not run.
 */
class FallingBehindIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  /** One agent answers after 1.5 s while rounds start every 500 ms: its next checks find it still being checked. */
  @Test
  void agentStillBeingCheckedIsSkippedAndNotReported() {
    // Given
    List<AgentSpec> specs = new ArrayList<>(List.of(AgentSpec.of("slow", Behaviour.slow(Duration.ofMillis(1_500)))));
    IntStream.range(0, 3).forEach(i -> specs.add(AgentSpec.of("fast-" + i, Behaviour.healthy(Duration.ofMillis(10)))));
    CollectedResults results = new CollectedResults();
    Map<String, String> settings = Map.of("interval", "500ms", "timeout", "5s", "degraded-after", "5s");
    long slowRequests;
    try (LogCapture log = new LogCapture(RoundScheduler.class);
         SimulatedFleet fleet = SimulatedFleet.start(specs);
         ProberRig prober = ProberRig.start(settings, fleet.cards(), results)) {
      // When
      prober.startRounds();
      await().atMost(WAIT).until(() -> results.of("slow").size() >= 2 && results.of("fast-0").size() >= 8);

      // Then: the prober says it is behind
      await().atMost(WAIT).until(() -> behindWarnings(log).stream()
          .anyMatch(m -> m.matches(".*, [1-9]\\d* agents skipped;.*")));
      assertTrue(prober.meters().counter("meshpulse.prober.checks.skipped").count() > 0, "skipped checks are counted");
      slowRequests = fleet.agent("slow").requests();
    }
    // ... and publishes only what it checked
    List<HealthCheckResult> slow = results.of("slow");
    long rounds = results.of("fast-0").size();
    assertTrue(slow.size() < rounds / 2, slow.size() + " results of the slow agent in " + rounds + " rounds");
    assertTrue(slow.size() <= slowRequests, "a result only for a request the agent received: " + slow.size()
        + " results, " + slowRequests + " requests");
    slow.forEach(r -> assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString));
    for (int i = 0; i < 3; i++) {
      results.of("fast-" + i).forEach(r -> assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString));
    }
  }

  /** Four agents of 300 ms, one check at a time, a round every second: the fourth check starts 900 ms late. */
  @Test
  void checksWaitingForAConcurrencySlotShowAsLag() {
    // Given
    List<AgentSpec> specs = IntStream.range(0, 4)
        .mapToObj(i -> AgentSpec.of("queued-" + i, Behaviour.healthy(Duration.ofMillis(300)))).toList();
    Duration interval = Duration.ofSeconds(1);
    CollectedResults results = new CollectedResults();
    Map<String, String> settings = Map.of("interval", "1s", "timeout", "5s", "max-concurrency", "1");
    try (LogCapture log = new LogCapture(RoundScheduler.class);
         SimulatedFleet fleet = SimulatedFleet.start(specs);
         ProberRig prober = ProberRig.start(settings, fleet.cards(), results)) {
      // When
      prober.startRounds();
      await().atMost(WAIT).until(() -> !behindWarnings(log).isEmpty());

      // Then
      double lagSeconds = prober.meters().get("meshpulse.prober.lag").gauge().value();
      assertTrue(lagSeconds > interval.toMillis() / 10.0 / 1000, "lag meter: " + lagSeconds + " s");
      String warning = behindWarnings(log).get(0);
      assertTrue(warning.matches("prober is behind: round \\d+ checks started up to \\d+ ms late, .*"), warning);
      assertTrue(results.all().stream().noneMatch(r -> r.getHealth() == AgentHealth.UNHEALTHY),
          "waiting for a slot never makes an agent unhealthy: " + results.all());
    }
  }

  private static List<String> behindWarnings(LogCapture log) {
    return log.events().stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.startsWith("prober is behind"))
        .toList();
  }
}
