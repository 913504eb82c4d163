package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How bad input reads: the option as the user wrote it, once; values as written; help that tells each command's defaults. */
@Timeout(60) // a guard: a check that let a command start would otherwise run until stopped
class CommandLineMessagesTest {

  private static final String NOWHERE = "127.0.0.1:9";

  @TempDir
  Path dir;

  @Test
  void zeroWindowIsQuotedAsWritten() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--window", "0s");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --window: must be a positive duration, got 0s", run.err().strip());
  }

  @Test
  void bindAddressThatDoesNotResolveNamesBindBeforeContactingKafka() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--port", "0",
        "--bind", "999.1.1.1", "--state-dir", dir.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --bind: cannot resolve '999.1.1.1' to an address of this machine", run.err().strip());
  }

  @Test
  void missingOneOfTwoOptionsIsSaidWithOneErrorPrefix() {
    // When
    Cli.Run run = Cli.run("deregister");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: Missing required argument (specify one of these): (--agents=<agentsFile>"
        + " | --name=<names>"), run.err());
    assertTrue(run.err().endsWith("(see 'meshpulse deregister --help')" + System.lineSeparator()), run.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"register", "prober", "streams", "alerts", "deregister"})
  void bootstrapHostThatDoesNotResolveNamesTheOption(String command) throws IOException {
    // Given
    Path agents = Files.writeString(dir.resolve("agents.yaml"), "agents:\n  - {name: a, url: 'http://127.0.0.1:9/'}\n");
    List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", "kafka.meshpulse.invalid:9092"));
    args.addAll(switch (command) {
      case "register" -> List.of("--agents", agents.toString());
      case "deregister" -> List.of("--name", "a");
      case "streams" -> List.of("--port", "0", "--state-dir", dir.resolve("state").toString());
      default -> List.of();
    });

    // When
    Cli.Run run = Cli.run(args.toArray(String[]::new));

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --bootstrap-servers: cannot resolve host kafka.meshpulse.invalid; check the name and this"
        + " machine's DNS", run.err().strip());
  }

  @Test
  void bootstrapServerWithoutAPortNamesTheOption() {
    // When
    Cli.Run run = Cli.run("alerts", "--bootstrap-servers", "localhost");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --bootstrap-servers: expected host:port, got 'localhost'", run.err().strip());
  }

  @Test
  void demoHelpTellsTheDemosOwnIntervalAndTimeout() {
    // When
    Cli.Run run = Cli.run("demo", "--help");

    // Then
    assertEquals(0, run.exitCode(), run::toString);
    String help = run.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("--interval=<interval> Start-to-start time of probe rounds (default 10s; 3s in demo;"), help);
    assertTrue(help.contains("--timeout=<timeout> Default per-check timeout (default 5s; 2s in demo;"), help);
  }
}
