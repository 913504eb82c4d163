package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories and the application id are checked before anything starts: a bad one is exit code 2
 * and one line naming the option and what is wrong, never a stack trace or stream threads dying
 * in a process that keeps running.
 */
@Timeout(60) // a guard: a check that let a command start would otherwise run until stopped
class StartupChecksTest {

  /** Nothing listens here; a command that got as far as connecting would fail differently (or hang). */
  private static final String NOWHERE = "127.0.0.1:9";

  @TempDir
  Path dir;

  @Test
  void demoDataDirThatIsAFileFailsBeforeTheBrokerStarts() throws IOException {
    // Given
    Path file = Files.writeString(dir.resolve("data"), "x");

    // When
    Cli.Run run = Cli.run("demo", "--port", "0", "--data-dir", file.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --data-dir: " + file + " is not a directory", run.err().strip());
  }

  @Test
  void demoDataDirInsideAnotherDemosBrokerLogFailsBeforeTheBrokerStarts() throws IOException {
    // Given: another demo's data directory, whose broker log holds meta.properties
    Path otherLog = Files.createDirectories(dir.resolve("other").resolve("kafka"));
    Files.writeString(otherLog.resolve("meta.properties"), "node.id=1\n");

    // When: this demo is pointed at that log directory itself
    Cli.Run run = Cli.run("demo", "--port", "0", "--data-dir", otherLog.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --data-dir: " + otherLog + " is inside the Kafka log directory " + otherLog
        + "; give the demo a directory of its own", run.err().strip());
    assertFalse(Files.exists(otherLog.resolve("kafka")), "nothing written into the other broker's log");
  }

  @Test
  void demoDataDirThatIsEmptyFails() {
    Cli.Run run = Cli.run("demo", "--port", "0", "--data-dir", "");

    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --data-dir: must not be empty", run.err().strip());
  }

  @Test
  void streamsStateDirThatIsAFileFailsBeforeContactingKafka() throws IOException {
    // Given
    Path file = Files.writeString(dir.resolve("state"), "x");

    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--port", "0",
        "--state-dir", file.toString());

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --state-dir: " + file + " is not a directory", run.err().strip());
  }

  @Test
  void demoDataDirOfARunningBrokerFailsBeforeThisBrokerStarts() throws IOException {
    // Given a broker's lock on the data directory's log, as a running demo holds it
    Path kafkaDir = Files.createDirectories(dir.resolve("kafka"));
    try (FileChannel channel = FileChannel.open(kafkaDir.resolve(".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {

      // When
      Cli.Run run = Cli.run("demo", "--port", "0", "--data-dir", dir.toString());

      // Then
      assertEquals(2, run.exitCode(), run::toString);
      assertEquals("error: --data-dir: " + kafkaDir + " is in use by another running Kafka broker (another demo?);"
          + " stop it, or give this demo its own --data-dir", run.err().strip());
    }
  }

  @Test
  void applicationIdThatIsNoTopicNameFailsBeforeContactingKafka() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--port", "0",
        "--state-dir", dir.toString(), "--application-id", "a b");

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertEquals("error: --application-id: 'a b' may hold only letters, digits, '.', '_' and '-'", run.err().strip());
  }

  @Test
  void applicationIdTooLongForItsInternalTopicsFailsBeforeContactingKafka() {
    // When
    Cli.Run run = Cli.run("streams", "--bootstrap-servers", NOWHERE, "--port", "0",
        "--state-dir", dir.toString(), "--application-id", "a".repeat(300));

    // Then
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("error: --application-id: at most "), run.err());
    assertTrue(run.err().contains(" characters, got 300 (it names internal topics such as <id>-"), run.err());
    assertEquals(1, run.err().strip().lines().count(), "one line, no stack trace: " + run.err());
  }

}
