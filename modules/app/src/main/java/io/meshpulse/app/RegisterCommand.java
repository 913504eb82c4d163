package io.meshpulse.app;

import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.schema.AgentCard;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Registers (or updates) the agents of a file in the agents topic; probers pick them up next round. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Registers or updates the agents of a file in the agents topic.")
final class RegisterCommand implements Callable<Integer> {

  @Option(names = "--agents", required = true, description = "The agents file (YAML).")
  Path agentsFile;

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<AgentCard> agents = AgentsFile.read(agentsFile);
    kafka.ensureTopics();
    try (AgentCatalog catalog = new AgentCatalog(kafka.topics().agents(), kafka.clientProperties())) {
      catalog.register(agents);
    }
    spec.commandLine().getOut().println("registered " + Plural.of(agents.size(), "agent") + " in " + kafka.topics().agents());
    return 0;
  }
}
