package io.meshpulse.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's fleet: mostly healthy agents with latencies from 5 to 300 ms, plus (when there are
 * enough agents that two thirds stay healthy) one flaky agent failing 30 % of checks, one down, one
 * hung, one degraded and two slow ones. The same {@code n} always gives the same fleet.
 */
public final class DemoMix {

  public static final List<String> CAPABILITIES = List.of("search", "summarize", "translate", "invoices", "refunds");
  private static final long SEED = 42;

  private DemoMix() {}

  public static List<AgentSpec> specs(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("agents: must be at least 1, got " + n);
    }
    Random random = new Random(SEED);
    List<Behaviour> misbehaving = misbehaving(n);
    int healthy = n - misbehaving.size();
    List<AgentSpec> specs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Behaviour behaviour = i < healthy
          ? Behaviour.healthy(Duration.ofMillis(5 + random.nextInt(296)))
          : misbehaving.get(i - healthy);
      specs.add(new AgentSpec(name(i, n), behaviour, capabilities(i)));
    }
    return specs;
  }

  private static List<Behaviour> misbehaving(int n) {
    List<Behaviour> all = List.of(
        Behaviour.flaky(0.3, Duration.ofMillis(60), SEED),
        Behaviour.down(),
        Behaviour.hung(),
        Behaviour.degraded(Duration.ofMillis(120)),
        Behaviour.slow(Duration.ofMillis(1500)),
        Behaviour.slow(Duration.ofMillis(2500)));
    return all.subList(0, Math.min(all.size(), n / 3));
  }

  /** E.g. {@code search-01}: the primary capability and a number as wide as the fleet needs. */
  private static String name(int i, int n) {
    int width = Integer.toString(n).length();
    return CAPABILITIES.get(i % CAPABILITIES.size()) + "-" + String.format("%0" + width + "d", i + 1);
  }

  /** The primary capability, and for every third agent the next one as well. */
  private static List<String> capabilities(int i) {
    String primary = CAPABILITIES.get(i % CAPABILITIES.size());
    if (i % 3 != 0) {
      return List.of(primary);
    }
    return List.of(primary, CAPABILITIES.get((i + 1) % CAPABILITIES.size()));
  }
}
