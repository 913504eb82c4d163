package io.meshpulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A cold round and the warm rounds after it, on one client and one fleet. */
record RoundSeries(String client, int agents, RoundSample cold, List<RoundSample> warm) {

  static RoundSeries run(String client, int agents, int warmRounds, RoundSample.MeasuredRound round)
      throws Exception {
    RoundSample cold = RoundSample.measure(round);
    List<RoundSample> warm = new ArrayList<>();
    for (int i = 0; i < warmRounds; i++) {
      warm.add(RoundSample.measure(round));
    }
    return new RoundSeries(client, agents, cold, List.copyOf(warm));
  }

  double warmMedianMs() {
    return Stats.median(warm.stream().mapToDouble(RoundSample::wallMs).toArray());
  }

  double warmMinMs() {
    return Stats.min(warm.stream().mapToDouble(RoundSample::wallMs).toArray());
  }

  double warmMaxMs() {
    return Stats.max(warm.stream().mapToDouble(RoundSample::wallMs).toArray());
  }

  double warmCpuMedianSeconds() {
    return Stats.median(warm.stream().mapToDouble(RoundSample::cpuSeconds).toArray());
  }

  double peakHeapMb() {
    return Math.max(cold.peakHeapMb(), Stats.max(warm.stream().mapToDouble(RoundSample::peakHeapMb).toArray()));
  }

  /** Whether every check of every round found its agent healthy: otherwise the times mean nothing. */
  boolean allHealthy() {
    return cold.healthy() == agents && warm.stream().allMatch(s -> s.healthy() == agents);
  }

  /** Per round, cold first: healthy checks and what the others found. */
  String healthyCounts() {
    return Stream.concat(Stream.of(cold), warm.stream())
        .map(s -> s.problems().isEmpty() ? Integer.toString(s.healthy()) : s.healthy() + " (" + s.problems() + ")")
        .collect(Collectors.joining("; "));
  }

  /** Heap after GC after each round, cold first: flat when the client keeps nothing from round to round. */
  String heapAfterGc() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.0f", cold.heapAfterGcMb()));
    warm.forEach(s -> line.append(String.format(Locale.ROOT, " %.0f", s.heapAfterGcMb())));
    return line.toString();
  }
}
