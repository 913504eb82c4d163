package io.meshpulse.prober.round;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in the jitter window each agent's check starts. The agents are ordered by a hash of their
 * names and placed at equal steps over the window. A fleet registered at once is spread evenly,
 * first round included: a random offset per agent would clump (500 agents in 100 buckets put
 * three times the mean into some bucket about one run in twenty). An agent keeps its place from
 * round to round; when agents come or go, the others move by one step per change at most, so
 * start-to-start stays at the interval.
 */
final class JitterOffsets {

  private static final JitterOffsets NONE = new JitterOffsets(Map.of());
  private static final Comparator<String> BY_HASH =
      Comparator.comparingLong(JitterOffsets::scrambled).thenComparing(Comparator.naturalOrder());

  private final Map<String, Long> offsets;

  private JitterOffsets(Map<String, Long> offsets) {
    this.offsets = offsets;
  }

  static JitterOffsets spread(Collection<String> agents, Duration window) {
    if (window.isZero() || agents.isEmpty()) {
      return NONE;
    }
    List<String> ordered = agents.stream().distinct().sorted(BY_HASH).toList();
    double step = (double) window.toNanos() / ordered.size();
    Map<String, Long> offsets = new HashMap<>(ordered.size() * 2);
    for (int rank = 0; rank < ordered.size(); rank++) {
      offsets.put(ordered.get(rank), (long) (rank * step));
    }
    return new JitterOffsets(offsets);
  }

  /** The agent's offset from the round's start; 0 for an agent not in the spread. */
  long offsetNanos(String agent) {
    return offsets.getOrDefault(agent, 0L);
  }

  /** SplitMix64's finaliser: names that sort together land apart. */
  private static long scrambled(String name) {
    long z = name.hashCode() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
