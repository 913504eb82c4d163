package io.meshpulse.prober.round;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Where in the jitter window an agent's check starts: a stable fraction of the window from a
 * hash of its name, so checks spread evenly and each agent keeps its start-to-start interval
 * from round to round, even as other agents come and go.
 */
final class JitterOffsets {

  private JitterOffsets() {}

  static long offsetNanos(String agent, Duration jitter) {
    if (jitter.isZero()) {
      return 0;
    }
    long hash = UUID.nameUUIDFromBytes(agent.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    double fraction = (hash >>> 11) * 0x1.0p-53; // uniform in [0, 1)
    return (long) (fraction * jitter.toNanos());
  }
}
