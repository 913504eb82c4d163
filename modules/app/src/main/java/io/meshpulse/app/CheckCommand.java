package io.meshpulse.app;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentCard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One parallel round over the agents of a file, without Kafka: the quickest look at real endpoints. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks every agent in the file once, in parallel, without Kafka, and prints a table.",
        "Exit code: 0 when every agent of the file is HEALTHY (or the file has none), 1 when any is not, 2 on bad input."})
final class CheckCommand implements Callable<Integer> {

  @Option(names = "--agents", required = true, description = "The agents file (YAML).")
  Path agentsFile;

  @Mixin
  ProberOptions prober;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<AgentCard> agents = AgentsFile.read(agentsFile);
    ProberConfig config = prober.config();
    PrintWriter out = spec.commandLine().getOut();
    if (agents.isEmpty()) {
      // an empty fleet is an empty result, not an error
      out.println(agentsFile + ": no agents in the file; nothing to check");
      out.flush();
      return 0;
    }
    RoundOutcome outcome;
    try (RoundScheduler rounds = new RoundScheduler(config, AgentRegistry.of(agents), result -> { },
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      outcome = rounds.runOnce().get();
    }
    out.print(CheckTable.render(agents, outcome.results()));
    out.println(outcome.summary().line());
    out.flush();
    return CheckTable.allHealthy(agents, outcome.results()) ? 0 : 1;
  }
}
