package io.meshpulse.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * How late past its deadline a check of a hung agent is cut, when many hang at once: the prober's
 * HTTP client against hung agents (in this process: a few thousand descriptors), a first wave to warm
 * up, then measured waves.
 */
final class TimeoutPrecision {

  /**
   * @param cutLateMs how long after its deadline each check was stamped as timed out, sorted
   * @param doneLateMs how long after its deadline each check's result was complete (what the round sees), sorted
   */
  record Measured(int checks, double[] cutLateMs, double[] doneLateMs) {}

  private TimeoutPrecision() {}

  static Measured measure(int hungAgents, Duration timeout, int waves) {
    List<AgentSpec> specs = IntStream.range(0, hungAgents)
        .mapToObj(i -> AgentSpec.of("hung-" + i, Behaviour.hung())).toList();
    try (SimulatedFleet fleet = SimulatedFleet.start(specs);
         HttpProber http = new HttpProber(HttpSettings.defaults())) {
      List<URI> urls = fleet.agents().stream().map(SimulatedAgent::url).map(URI::create).toList();
      wave(http, urls, timeout);
      List<double[]> cut = new ArrayList<>();
      List<double[]> done = new ArrayList<>();
      for (int i = 0; i < waves; i++) {
        List<Timed> outcomes = wave(http, urls, timeout);
        cut.add(outcomes.stream().mapToDouble(t -> t.cutLateMs(timeout)).toArray());
        done.add(outcomes.stream().mapToDouble(t -> t.doneLateMs(timeout)).toArray());
      }
      return new Measured(hungAgents * waves, sortedConcat(cut), sortedConcat(done));
    }
  }

  private record Timed(ProbeOutcome outcome, long doneNanos) {
    double cutLateMs(Duration timeout) {
      return (outcome.endNanos() - outcome.startNanos() - timeout.toNanos()) / 1e6;
    }

    double doneLateMs(Duration timeout) {
      return (doneNanos - outcome.startNanos() - timeout.toNanos()) / 1e6;
    }
  }

  private static List<Timed> wave(HttpProber http, List<URI> urls, Duration timeout) {
    List<CompletableFuture<Timed>> checks = urls.stream()
        .map(url -> http.probe(url, timeout).thenApply(o -> new Timed(o, System.nanoTime())))
        .toList();
    List<Timed> outcomes = checks.stream().map(CompletableFuture::join).toList();
    outcomes.stream().filter(t -> t.outcome().failure() == null || t.outcome().failure().kind() != FailureKind.TIMEOUT)
        .findFirst().ifPresent(t -> {
          throw new IllegalStateException("a hung agent's check ended otherwise than by its timeout: " + t.outcome());
        });
    return outcomes;
  }

  private static double[] sortedConcat(List<double[]> parts) {
    return parts.stream().flatMapToDouble(java.util.Arrays::stream).sorted().toArray();
  }
}
