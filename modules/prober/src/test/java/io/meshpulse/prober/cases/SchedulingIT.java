package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Arrival;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When checks reach the agents, as the agents see it: case P9 (shared/cases/prober.md), a fleet
 * registered at once is not hit at once, from the first round on; and rounds start at the interval
 * whatever the checks take.
 */
class SchedulingIT {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulingIT.class);
  private static final Duration BUCKET = Duration.ofMillis(100);

  /** P9: 500 agents registered at the same moment; interval 10 s, jitter window 10 s; the first 3 rounds. */
  @Test
  void checksOfAFleetRegisteredAtOnceSpreadOverTheJitterWindowFromTheFirstRound() {
    // Given
    int agents = 500;
    int rounds = 3;
    Duration window = Duration.ofSeconds(10);
    List<AgentSpec> specs = IntStream.range(0, agents)
        .mapToObj(i -> AgentSpec.of(String.format("p9-%03d", i), Behaviour.healthy(Duration.ofMillis(5)))).toList();
    long[][] offsets;
    try (SimulatedFleet fleet = SimulatedFleet.start(specs);
         ProberRig prober = ProberRig.start(Map.of("interval", "10s", "jitter", "10s", "timeout", "2s"), fleet.cards())) {
      long startNanos = System.nanoTime();

      // When
      prober.startRounds();
      await().atMost(window.multipliedBy(rounds + 3)).pollInterval(Duration.ofMillis(500))
          .until(() -> fleet.agents().stream().allMatch(a -> a.arrivals().size() >= rounds));
      offsets = fleet.agents().stream().map(a -> offsetsOfFirstArrivals(a, startNanos, rounds)).toArray(long[][]::new);
    }

    // Then
    for (int round = 0; round < rounds; round++) {
      int r = round;
      long[] inRound = Arrays.stream(offsets).mapToLong(o -> o[r]).sorted().toArray();
      long roundStart = window.toNanos() * round;
      assertTrue(inRound[0] >= roundStart, "round " + (r + 1) + " reached an agent before it started");
      assertTrue(inRound[agents - 1] < roundStart + window.toNanos() + BUCKET.toNanos() * 5,
          "round " + (r + 1) + " reached an agent after its window: " + millis(inRound[agents - 1] - roundStart) + " ms");
      assertTrue(inRound[agents - 1] - inRound[0] > window.toNanos() * 8 / 10,
          "round " + (r + 1) + " spread over its window, not bunched: from " + millis(inRound[0] - roundStart) + " to "
              + millis(inRound[agents - 1] - roundStart) + " ms");
    }
    int[] buckets = buckets(offsets, window.multipliedBy(rounds));
    double mean = (double) agents * rounds / buckets.length;
    int fullestAt = IntStream.range(0, buckets.length).reduce((a, b) -> buckets[b] > buckets[a] ? b : a).orElseThrow();
    int fullest = buckets[fullestAt];
    String summary = "the fullest 100 ms bucket, " + fullestAt * BUCKET.toMillis() + " ms after the start, holds "
        + fullest + " arrivals; mean " + mean;
    LOG.info("P9: {} arrivals in {} buckets: {}", agents * rounds, buckets.length, summary);
    assertTrue(fullest <= 3 * mean, summary);
  }

  /** Checks that take 70 % of the interval do not push the next round back: rounds run at a fixed rate. */
  @Test
  void roundsStartAtTheIntervalHoweverLongTheChecksTake() {
    // Given
    Duration interval = Duration.ofSeconds(1);
    Duration checkTakes = Duration.ofMillis(700);
    int rounds = 6;
    List<Arrival> arrivals;
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("slow", Behaviour.slow(checkTakes))));
         ProberRig prober = ProberRig.start(Map.of("interval", "1s", "timeout", "3s", "degraded-after", "5s"),
             fleet.cards())) {
      // When
      prober.startRounds();
      SimulatedAgent slow = fleet.agent("slow");
      await().atMost(interval.multipliedBy(rounds * 3L)).until(() -> slow.arrivals().size() >= rounds);
      arrivals = slow.arrivals().subList(0, rounds);
    }

    // Then
    double[] startToStart = IntStream.range(1, rounds)
        .mapToDouble(i -> arrivals.get(i).nanoTime() - arrivals.get(i - 1).nanoTime()).toArray();
    double meanRatio = Arrays.stream(startToStart).average().orElseThrow() / interval.toNanos();
    double maxRatio = Arrays.stream(startToStart).max().orElseThrow() / interval.toNanos();
    assertTrue(meanRatio > 0.9 && meanRatio < 1.1, "start-to-start / interval = " + meanRatio);
    assertTrue(maxRatio < 1.5, "never the interval plus the check (1.7): longest start-to-start / interval = " + maxRatio);
  }

  /** How long after {@code startNanos} each of the agent's first {@code n} requests arrived. */
  private static long[] offsetsOfFirstArrivals(SimulatedAgent agent, long startNanos, int n) {
    return agent.arrivals().subList(0, n).stream().mapToLong(a -> a.nanoTime() - startNanos).toArray();
  }

  private static int[] buckets(long[][] offsets, Duration span) {
    int[] counts = new int[(int) (span.toNanos() / BUCKET.toNanos())];
    for (long[] agent : offsets) {
      for (long offset : agent) {
        counts[(int) Math.min(counts.length - 1, offset / BUCKET.toNanos())]++;
      }
    }
    return counts;
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
