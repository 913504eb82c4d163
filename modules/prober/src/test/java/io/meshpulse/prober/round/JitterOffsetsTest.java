package io.meshpulse.prober.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitterOffsetsTest {

  @Test
  void offsetIsStableAndInsideTheWindow() {
    Duration window = Duration.ofSeconds(10);
    for (int i = 0; i < 1000; i++) {
      long offset = JitterOffsets.offsetNanos("agent-" + i, window);
      assertTrue(offset >= 0 && offset < window.toNanos());
      assertEquals(offset, JitterOffsets.offsetNanos("agent-" + i, window));
    }
  }

  @Test
  void offsetsSpreadEvenlyOverTheWindow() {
    int agents = 500;
    int buckets = 100;
    int[] counts = new int[buckets];
    Duration window = Duration.ofSeconds(10);
    for (int i = 0; i < agents; i++) {
      counts[(int) (JitterOffsets.offsetNanos("agent-" + i, window) * buckets / window.toNanos())]++;
    }
    int max = java.util.Arrays.stream(counts).max().orElseThrow();
    assertTrue(max <= 3 * agents / buckets, "fullest 100 ms bucket holds " + max);
  }

  @Test
  void noJitterMeansNoOffset() {
    assertEquals(0, JitterOffsets.offsetNanos("a", Duration.ZERO));
  }
}
