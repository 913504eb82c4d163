package io.meshpulse.prober.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.http.HttpProber;
import io.meshpulse.prober.http.HttpSettings;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.FailureKind;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many checks reaching their deadline at once (a zone of agents hangs): each is cut at its own
 * deadline, not queued behind the others' aftermath. Only a coarse bound is asserted; the lateness
 * figures are logged (the benchmark is where they are judged).
 */
class TimeoutWaveIT {

  private static final Logger LOG = LoggerFactory.getLogger(TimeoutWaveIT.class);
  private static final int AGENTS = 2_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @Test
  void waveOfTimeoutsIsStampedAtEachDeadline() throws Exception {
    // Given: a warm prober (a first wave has run) and 2,000 hung agents
    List<AgentSpec> specs = IntStream.range(0, AGENTS)
        .mapToObj(i -> AgentSpec.of("hung-" + i, Behaviour.hung())).toList();
    try (SimulatedFleet fleet = SimulatedFleet.start(specs);
         HttpProber prober = new HttpProber(HttpSettings.defaults())) {
      List<URI> urls = fleet.agents().stream().map(SimulatedAgent::url).map(URI::create).toList();
      wave(prober, urls);

      // When
      List<ProbeOutcome> outcomes = wave(prober, urls);

      // Then
      outcomes.forEach(o -> assertEquals(FailureKind.TIMEOUT, o.failure().kind(), o::toString));
      double[] late = lateness(outcomes);
      LOG.info(String.format(Locale.ROOT, "%d checks timing out together: cut after the deadline by p50 %.1f ms, "
          + "p99 %.1f ms, max %.1f ms", AGENTS, late[AGENTS / 2], late[AGENTS * 99 / 100], late[AGENTS - 1]));
      assertTrue(late[0] >= 0, "no check is cut before its deadline: " + late[0] + " ms");
      assertTrue(late[AGENTS - 1] < TIMEOUT.toMillis() / 4.0, "each cut near its deadline: " + late[AGENTS - 1] + " ms");
    }
  }

  private static List<ProbeOutcome> wave(HttpProber prober, List<URI> urls) throws Exception {
    List<CompletableFuture<ProbeOutcome>> checks = urls.stream().map(uri -> prober.probe(uri, TIMEOUT)).toList();
    CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    return checks.stream().map(CompletableFuture::join).toList();
  }

  /** How long after its deadline each check ended, sorted. */
  private static double[] lateness(List<ProbeOutcome> outcomes) {
    double[] late = outcomes.stream()
        .mapToDouble(o -> (o.endNanos() - o.startNanos()) / 1e6 - TIMEOUT.toMillis()).toArray();
    Arrays.sort(late);
    return late;
  }
}
