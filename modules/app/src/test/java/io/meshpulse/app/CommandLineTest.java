package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input on the command line: exit code 2 and one line naming what is wrong, before anything is contacted. */
@Timeout(60) // a guard: a check that let a command start would otherwise run until stopped
class CommandLineTest {

  /** Nothing listens here; a command that got as far as connecting would fail differently (or hang). */
  private static final String NOWHERE = "127.0.0.1:9";

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --timeout        | 5q              | error: --timeout: expected a duration such as 500ms, 5s, 2m or 1h, got '5q'
      --timeout        | 3000000h        | error: --timeout: must be at most 10m, got 3000000h
      --degraded-after | 99999999999999h | error: --degraded-after: must be at most 10m, got 99999999999999h
      --body-cap       | 0               | error: --body-cap: must be at least 1, got 0
      --max-connecting | 0               | error: --max-connecting: must be at least 1, got 0
      --timeout        | 0s              | error: --timeout: must be a positive duration, got 0s
      --jitter         | 1h              | error: Unknown options: '--jitter', '1h' (see 'meshpulse check --help')
      --interval       | 1s              | error: Unknown options: '--interval', '1s' (see 'meshpulse check --help')
      """)
  void badCheckOptionIsOneLineNamingIt(String option, String value, String error) throws IOException {
    // Given
    Path agents = write("agents.yaml", "agents:\n  - name: billing\n    url: http://127.0.0.1:9/health\n");

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString(), option, value);

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(error, run.err().strip());
    assertEquals("", run.out());
  }

  @Test
  void agentsFileWithAMisspeltFieldFailsNamingTheFileAndField() throws IOException {
    // Given
    Path agents = write("agents.yaml", "agents:\n  - name: billing\n    uri: http://127.0.0.1:9/health\n");

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: agents.yaml: agents[0].uri: unknown field"), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
  }

  @Test
  void agentsFileWithoutAUrlFailsNamingTheField() throws IOException {
    // Given
    Path agents = write("agents.yaml", "agents:\n  - name: billing\n  - name: search\n    url: http://127.0.0.1:9/\n");

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: agents.yaml: agents[0].url:"), run.err());
  }

  @ParameterizedTest
  @MethodSource("agentsFilesWithAFieldWrong")
  void agentsFileWithAFieldWrongFailsInOneLineNamingFileAndField(String yaml, String error) throws IOException {
    // Given
    Path agents = write("agents.yaml", yaml);

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(error, run.err().strip());
  }

  static Stream<Arguments> agentsFilesWithAFieldWrong() {
    return Stream.of(
        Arguments.of("agents:\n  - name: billing\n    url: http://127.0.0.1:9/health\n    timeout: 9999999999999h\n",
            "error: agents.yaml: agents[0].timeout: must be at most 10m, got 9999999999999h"),
        Arguments.of("agents:\n  - name: billing\n    url: http://127.0.0.1:9/health\n    url: http://127.0.0.1:10/health\n",
            "error: agents.yaml: line 4, column 5: duplicate key 'url'"));
  }

  @Test
  void emptyAgentsFileIsAnEmptyResultSaidInOneLine() throws IOException {
    // Given
    Path agents = write("agents.yaml", "agents: []\n");

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString());

    // Then
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(agents + ": no agents in the file; nothing to check", run.out().strip());
    assertEquals("", run.err());
  }

  @Test
  void malformedYamlIsOneLineNamingTheFileLineAndColumn() throws IOException {
    // Given
    Path agents = write("agents.yaml", "agents:\n  - name: [a\n");

    // When
    Cli.Run run = Cli.run("check", "--agents", agents.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: agents.yaml: line 3, column 1: not valid YAML: expected ',' or ']', but got <stream end>"
        + " (while parsing a flow sequence at line 2, column 11)", run.err().strip());
  }

  @Test
  void missingAgentsFileSaysItWasNotFound() {
    // When
    Cli.Run run = Cli.run("check", "--agents", dir.resolve("agents.yaml").toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: " + dir.resolve("agents.yaml") + ": no such file", run.err().strip());
  }

  @Test
  void malformedWindowOfTheStreamsCommandFailsBeforeContactingKafka() {
    // When: the broker's address is one where nothing listens; contacting it would fail otherwise
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--window", "1 minute");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: --window: expected a duration"), run.err());
  }

  @Test
  void unknownTopologySettingNamesTheOptionAndTheKey() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--set", "window.sise=2m");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: --set window.sise: unknown key; known keys are ["), run.err());
  }

  @Test
  void badTopologySettingNamesTheOptionAndTheKeyAndQuotesTheValue() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--set", "window.size=0s");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --set window.size: must be a positive duration, got 0s", run.err().strip());
  }

  @Test
  void malformedAdvertisedAddressNamesTheOption() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--advertise", "localhost");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --advertise: expected host:port, got 'localhost'", run.err().strip());
  }

  @Test
  void deregisteringAnInvalidNameIsRejectedAsTheAgentsFileWouldBefore() {
    // When
    Cli.Run run = Cli.run("deregister", "--bootstrap-servers", NOWHERE, "--name", "bad name!");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --name: 'bad name!' may hold only letters, digits, '.', '_' and '-' (1 to 200)",
        run.err().strip());
  }

  @Test
  void unknownOptionIsAUsageError() {
    // When
    Cli.Run run = Cli.run("check", "--agents", "a.yaml", "--timeuot", "1s");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Unknown options: '--timeuot', '1s'"), run.err());
  }

  @Test
  void portOutOfRangeIsRejectedWhenParsedNamingTheOption() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--port", "70000");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --port: expected a port number from 0 to 65535, got '70000' (see 'meshpulse streams --help')",
        run.err().strip());
  }

  @Test
  void negativeDemoPortIsRejectedBeforeAnythingStarts() {
    // When
    Cli.Run run = Cli.run("demo", "--port", "-1");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: --port: expected a port number from 0 to 65535, got '-1'"), run.err());
  }

  @Test
  void streamsPortInUseIsOneLineNamingTheOptionBeforeContactingKafka() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      // When
      Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE,
          "--port", String.valueOf(taken.getLocalPort()), "--state-dir", dir.toString());

      // Then
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals("error: --port: port " + taken.getLocalPort() + " is already in use on 0.0.0.0", run.err().strip());
    }
  }

  @Test
  void demoPortInUseFailsBeforeTheBrokerStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      // When
      Cli.Run run = Cli.run("demo", "--port", String.valueOf(taken.getLocalPort()));

      // Then
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals("error: --port: port " + taken.getLocalPort() + " is already in use on 0.0.0.0", run.err().strip());
    }
  }

  @Test
  void demoKafkaPortInUseIsOneLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // When
      Cli.Run run = Cli.run("demo", "--port", "0",
          "--kafka-port", String.valueOf(taken.getLocalPort()));

      // Then
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals("error: --kafka-port: port " + taken.getLocalPort() + " is already in use on 127.0.0.1",
          run.err().strip());
    }
  }

  @Test
  void demoRejectsAMalformedScenarioCycleBeforeAnythingStarts() {
    // When
    Cli.Run run = Cli.run("demo", "--port", "0", "--scenario-every", "5q");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --scenario-every: expected a duration such as 500ms, 5s, 2m or 1h, got '5q'", run.err().strip());
  }

  @Test
  void demoTakesTheTopologyOptionsAndChecksThemBeforeAnythingStarts() {
    // When
    Cli.Run run = Cli.run("demo", "--port", "0", "--window", "1 minute");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: --window: expected a duration"), run.err());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
