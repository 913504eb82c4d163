package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that talks to Kafka, pointed at a loopback port nothing listens on: it gives up
 * after --kafka-timeout, not a minute later, with one line naming the servers and no stack trace.
 */
class KafkaUnreachableIT {

  private static final String NOWHERE = "127.0.0.1:1";
  /** The wait, and what the command may take beyond it (JVM warm-up, a loaded machine). */
  private static final Duration WAIT = Duration.ofSeconds(2);
  private static final Duration SLACK = Duration.ofSeconds(8);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"register", "prober", "streams", "alerts", "deregister"})
  void commandGivesUpAfterTheWaitWithOneLine(String command) throws IOException {
    // Given
    Path agents = Files.writeString(dir.resolve("agents.yaml"), "agents:\n  - {name: a, url: 'http://127.0.0.1:9/'}\n");
    List<String> args = new ArrayList<>(List.of(command, "--bootstrap-servers", NOWHERE, "--kafka-timeout", "2s"));
    args.addAll(switch (command) {
      case "register" -> List.of("--agents", agents.toString());
      case "deregister" -> List.of("--name", "a");
      case "streams" -> List.of("--port", "0", "--state-dir", dir.resolve("state").toString());
      default -> List.of();
    });

    // When
    long start = System.nanoTime();
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Then
    assertEquals(3, run.exitCode(), run::toString);
    assertEquals("error: cannot reach Kafka at " + NOWHERE + " within 2s; check --bootstrap-servers, that the brokers"
        + " are up and reachable from here, and any --kafka or --kafka-config security settings", run.err().strip());
    assertTrue(took.compareTo(WAIT.plus(SLACK)) < 0, "took " + took.toMillis() + " ms");
  }
}
