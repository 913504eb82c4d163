package io.meshpulse.bench;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One measured round.
 *
 * @param wallMs         from the round's start to its last result
 * @param healthy        checks that found their agent HEALTHY (all of them, for a valid measurement)
 * @param problems       what the other checks found, e.g. {@code 12 TIMEOUT, 3 LATENCY}; empty when none
 * @param cpuSeconds     CPU time of this process during the round (the fleet runs in other processes)
 * @param peakHeapMb     most heap in use during the round
 * @param heapAfterGcMb  heap in use after the round and a full collection
 */
record RoundSample(double wallMs, int healthy, String problems, double cpuSeconds, double peakHeapMb,
    double heapAfterGcMb) {

  private static final double MB = 1024.0 * 1024.0;

  /** Runs {@code round} (which returns its wall time and healthy count) and measures around it. */
  static RoundSample measure(MeasuredRound round) throws Exception {
    Usage.resetPeak();
    long cpuBefore = Usage.cpuNanos();
    MeasuredRound.Result result = round.run();
    double cpu = (Usage.cpuNanos() - cpuBefore) / 1e9;
    long peak = Usage.peakHeapBytes();
    return new RoundSample(result.wallMs(), result.healthy(), result.problems(), cpu, peak / MB,
        Usage.heapAfterGcBytes() / MB);
  }

  /** A round of checks, run by the prober or by a baseline client. */
  @FunctionalInterface
  interface MeasuredRound {
    record Result(double wallMs, int healthy, String problems) {

      /** {@code problems} counted by kind, most frequent first. */
      static Result of(double wallMs, int healthy, Stream<String> problems) {
        Map<String, Long> counts = problems.collect(
            Collectors.groupingBy(p -> p, Collectors.counting()));
        String text = counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
        return new Result(wallMs, healthy, text);
      }
    }

    Result run() throws Exception;
  }
}
