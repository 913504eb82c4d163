package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the meshpulse command line in-process, as {@code main} would but without exiting, capturing out and err. */
final class Cli {

  private Cli() {}

  record Run(int exitCode, String out, String err) {}

  /** Runs {@code command}, failing if it takes longer than {@code limit}: it must fail before starting anything slow. */
  static Run within(Duration limit, Supplier<Run> command) {
    long start = System.nanoTime();
    Run run = command.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(limit) < 0, "took " + took.toMillis() + " ms: " + run);
    return run;
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Meshpulse.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
