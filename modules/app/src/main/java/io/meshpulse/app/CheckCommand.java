package io.meshpulse.app;

import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.prober.round.RoundOutcome;
import io.meshpulse.prober.round.RoundScheduler;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
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
        "Exit code: 0 when every agent is HEALTHY, 1 when any is not, 2 on bad input."})
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
    ProberConfig config = prober.config().withJitter(java.time.Duration.ZERO);
    RoundOutcome outcome;
    try (RoundScheduler rounds = new RoundScheduler(config, AgentRegistry.of(agents), result -> { },
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      outcome = rounds.runOnce().get();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(CheckTable.render(outcome.results()));
    out.println(outcome.summary().line());
    out.flush();
    boolean allHealthy = outcome.results().stream().allMatch(r -> r.getHealth() == AgentHealth.HEALTHY);
    return allHealthy ? 0 : 1;
  }
}
