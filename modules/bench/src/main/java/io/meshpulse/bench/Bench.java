package io.meshpulse.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar modules/bench/target/meshpulse-bench.jar <benchmark>}: each benchmark measures
 * meshpulse beside a baseline in the same run and ends with one {@code RESULT <name> key=value …} line.
 */
@Command(name = "meshpulse-bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that measure meshpulse beside a baseline and print a RESULT line.",
    subcommands = {ProberBench.class, StreamsBench.class})
public final class Bench {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }
}
