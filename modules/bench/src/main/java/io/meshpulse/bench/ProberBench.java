package io.meshpulse.bench;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Round time of the prober over a simulated fleet on loopback, every agent answering after the same
 * latency D, beside two baselines measured in the same run: checking one agent after another, and the
 * JDK's {@code java.net.http} client sending every request at once. Ends with the figures of a timed-out
 * check's precision and a {@code RESULT prober} line for the largest fleet.
 */
@Command(name = "prober", mixinStandardHelpOptions = true,
    description = "Prober round time for fleets of N agents vs sequential checks and java.net.http.")
final class ProberBench implements Callable<Integer> {

  private static final int TIMEOUT_WAVES = 3;
  /** Agents and rounds of the series run first and not reported, so that no reported round pays for the JIT. */
  private static final int WARM_UP_AGENTS = 1_000;
  private static final int WARM_UP_ROUNDS = 5;

  @Option(names = "--sizes", split = ",", defaultValue = "10,100,1000,10000",
      description = "Fleet sizes N, comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--latency", defaultValue = "200ms",
      description = "Every agent's latency D (default ${DEFAULT-VALUE}).")
  String latency;

  @Option(names = "--warm-rounds", defaultValue = "5",
      description = "Warm rounds after the cold one (default ${DEFAULT-VALUE}).")
  int warmRounds;

  @Option(names = "--timeout", defaultValue = "5s",
      description = "Per-check timeout of both clients (default ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--sequential-up-to", defaultValue = "100",
      description = "Measure the sequential baseline up to this N; compute it above (default ${DEFAULT-VALUE}).")
  int sequentialUpTo;

  @Option(names = "--hung", defaultValue = "1000",
      description = "Hung agents timing out at once, for the timeout precision; 0 skips it (default ${DEFAULT-VALUE}).")
  int hung;

  @Option(names = "--hung-timeout", defaultValue = "1s", description = "Their timeout (default ${DEFAULT-VALUE}).")
  String hungTimeout;

  @Override
  public Integer call() throws Exception {
    List<Integer> ascending = sizes.stream().distinct().sorted().toList();
    int largest = ascending.get(ascending.size() - 1);
    if (HeapGuard.mustRelaunch(largest)) {
      return HeapGuard.relaunch(largest, commandLine());
    }
    Duration d = Durations.parse("--latency", latency);
    ProberReport report = new ProberReport(d, System.out);
    report.machine();
    List<ProberReport.SizeResult> results = new ArrayList<>();
    try (ChildFleet fleet = ChildFleet.start(largest, d)) {
      report.fleetReady(fleet.size());
      warmUp(fleet.cards(Math.min(WARM_UP_AGENTS, largest)));
      report.warmedUp(Math.min(WARM_UP_AGENTS, largest), WARM_UP_ROUNDS);
      SequentialBaseline.Measured sequential = null;
      for (int n : ascending) {
        List<AgentCard> agents = fleet.cards(n);
        if (n <= sequentialUpTo || sequential == null) {
          sequential = SequentialBaseline.measure(agents.subList(0, Math.min(n, sequentialUpTo)), d,
              Durations.parse("--timeout", timeout));
        }
        results.add(report.size(new ProberReport.SizeResult(proberSeries(agents), jdkSeries(agents), sequential)));
      }
    }
    TimeoutPrecision.Measured timeouts = hung > 0
        ? TimeoutPrecision.measure(hung, Durations.parse("--hung-timeout", hungTimeout), TIMEOUT_WAVES) : null;
    report.timeouts(timeouts, hungTimeout);
    report.summary(results);
    report.resultLine(results.get(results.size() - 1), results, timeouts);
    return 0;
  }

  private void warmUp(List<AgentCard> agents) throws Exception {
    Duration checkTimeout = Durations.parse("--timeout", timeout);
    try (ProberRound prober = new ProberRound(agents, checkTimeout);
         JdkClientRound jdk = new JdkClientRound(agents, checkTimeout)) {
      for (int i = 0; i < WARM_UP_ROUNDS; i++) {
        prober.run();
        jdk.run();
      }
    }
  }

  private RoundSeries proberSeries(List<AgentCard> agents) throws Exception {
    try (ProberRound round = new ProberRound(agents, Durations.parse("--timeout", timeout))) {
      return RoundSeries.run("prober", agents.size(), warmRounds, round);
    }
  }

  private RoundSeries jdkSeries(List<AgentCard> agents) throws Exception {
    try (JdkClientRound round = new JdkClientRound(agents, Durations.parse("--timeout", timeout))) {
      return RoundSeries.run("java.net.http", agents.size(), warmRounds, round);
    }
  }

  private List<String> commandLine() {
    return List.of("prober", "--sizes", String.join(",", sizes.stream().map(String::valueOf).toList()),
        "--latency", latency, "--warm-rounds", Integer.toString(warmRounds), "--timeout", timeout,
        "--sequential-up-to", Integer.toString(sequentialUpTo), "--hung", Integer.toString(hung),
        "--hung-timeout", hungTimeout);
  }
}
