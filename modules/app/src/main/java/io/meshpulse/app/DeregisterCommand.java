package io.meshpulse.app;

import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.schema.AgentCard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Deregisters agents (tombstones in the agents topic): probers stop checking them next round. */
@Command(name = "deregister", mixinStandardHelpOptions = true,
    description = "Deregisters agents named in a file or on the command line.")
final class DeregisterCommand implements Callable<Integer> {

  static final class Which {
    @Option(names = "--agents", description = "Every agent of this file.")
    Path agentsFile;

    @Option(names = "--name", description = "An agent's name (repeatable).")
    List<String> names;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Mixin
  KafkaOptions kafka;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<String> names = new ArrayList<>();
    if (which.agentsFile != null) {
      AgentsFile.read(which.agentsFile).stream().map(AgentCard::getName).forEach(names::add);
    } else {
      names.addAll(which.names);
    }
    try (AgentCatalog catalog = new AgentCatalog(kafka.topics().agents(), kafka.clientProperties())) {
      catalog.deregister(names);
    }
    spec.commandLine().getOut().println("deregistered " + names.size() + " agents from " + kafka.topics().agents());
    return 0;
  }
}
