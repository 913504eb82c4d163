package io.meshpulse.prober.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JitterOffsetsTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  private static List<String> agents(int n) {
    return IntStream.range(0, n).mapToObj(i -> "agent-" + i).toList();
  }

  @Test
  void offsetsAreInsideTheWindowAndTheSameEveryRound() {
    JitterOffsets round1 = JitterOffsets.spread(agents(1000), WINDOW);
    JitterOffsets round2 = JitterOffsets.spread(agents(1000), WINDOW);

    for (String agent : agents(1000)) {
      long offset = round1.offsetNanos(agent);
      assertTrue(offset >= 0 && offset < WINDOW.toNanos(), agent + " at " + offset);
      assertEquals(offset, round2.offsetNanos(agent), agent);
    }
  }

  @Test
  void fleetRegisteredAtOnceFillsEveryBucketOfTheWindowEvenly() {
    int buckets = 100;
    JitterOffsets offsets = JitterOffsets.spread(agents(500), WINDOW);

    int[] counts = new int[buckets];
    agents(500).forEach(a -> counts[(int) (offsets.offsetNanos(a) * buckets / WINDOW.toNanos())]++);

    assertEquals(5, Arrays.stream(counts).max().orElseThrow(), Arrays.toString(counts));
    assertEquals(5, Arrays.stream(counts).min().orElseThrow(), Arrays.toString(counts));
  }

  @Test
  void anAgentJoiningMovesTheOthersByOneStepAtMost() {
    List<String> before = agents(500);
    List<String> after = new ArrayList<>(before);
    after.add("newcomer");
    JitterOffsets was = JitterOffsets.spread(before, WINDOW);
    JitterOffsets is = JitterOffsets.spread(after, WINDOW);

    long step = WINDOW.toNanos() / before.size();
    for (String agent : before) {
      assertTrue(Math.abs(is.offsetNanos(agent) - was.offsetNanos(agent)) <= step,
          agent + " moved from " + was.offsetNanos(agent) + " to " + is.offsetNanos(agent));
    }
  }

  @Test
  void noJitterMeansNoOffset() {
    assertEquals(0, JitterOffsets.spread(agents(10), Duration.ZERO).offsetNanos("agent-3"));
  }
}
