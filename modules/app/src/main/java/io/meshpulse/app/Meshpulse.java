package io.meshpulse.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meshpulse} command: every part of the pipeline from one jar. */
@Command(name = "meshpulse", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Health pipeline for a mesh of HTTP agents, on Apache Kafka and Kafka Streams.",
    subcommands = {DemoCommand.class, CheckCommand.class, ProberCommand.class, StreamsCommand.class,
        AlertsCommand.class, RegisterCommand.class, DeregisterCommand.class})
public final class Meshpulse {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Meshpulse()).setExecutionExceptionHandler(new Failures())
        .setParameterExceptionHandler(new UsageErrors());
  }
}
