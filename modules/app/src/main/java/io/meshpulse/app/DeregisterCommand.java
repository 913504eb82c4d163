package io.meshpulse.app;

import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.prober.registry.AgentNames;
import io.meshpulse.prober.registry.AgentsFile;
import io.meshpulse.prober.registry.RegisteredAgents;
import io.meshpulse.schema.AgentCard;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Deregisters agents (tombstones in the agents topic): probers stop checking them next round. */
@Command(name = "deregister", mixinStandardHelpOptions = true,
    description = {"Deregisters agents named in a file or on the command line.",
        "Exit code: 0 when every named agent was registered (and now is not), 1 when any was not registered, "
            + "2 on bad input, 3 when Kafka cannot be reached."})
final class DeregisterCommand implements Callable<Integer> {

  static final int NOT_REGISTERED = 1;

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
    Set<String> names = names();
    kafka.awaitReachable();
    String topic = kafka.topics().agents();
    Set<String> registered = RegisteredAgents.names(topic, kafka.clientProperties(), kafka.kafkaTimeout());
    List<String> present = names.stream().filter(registered::contains).toList();
    List<String> absent = names.stream().filter(n -> !registered.contains(n)).toList();
    if (!present.isEmpty()) {
      try (AgentCatalog catalog = new AgentCatalog(topic, kafka.clientProperties())) {
        catalog.deregister(present);
      }
      spec.commandLine().getOut().println("deregistered " + Plural.of(present.size(), "agent") + " from " + topic);
    }
    PrintWriter err = spec.commandLine().getErr();
    absent.forEach(name -> err.println("agent " + name + " is not registered in " + topic));
    return absent.isEmpty() ? 0 : NOT_REGISTERED;
  }

  /** The names to deregister, each checked as the agents file checks it. */
  private Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    if (which.agentsFile != null) {
      AgentsFile.read(which.agentsFile).stream().map(AgentCard::getName).forEach(names::add);
    } else {
      which.names.forEach(name -> names.add(AgentNames.requireValid("--name", name)));
    }
    return names;
  }
}
