package io.meshpulse.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshpulse demo} in a JVM of its own, stopped (SIGTERM, the path Ctrl-C takes too) while
 * it is still starting: it stops within seconds, closing what it had started, without first
 * finishing its start-up.
 */
class DemoShutdownIT {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private Process demo;

  @AfterEach
  void kill() {
    if (demo != null) {
      demo.destroyForcibly();
    }
  }

  @Test
  void stopDuringStartUpEndsTheDemoWithinSecondsHavingClosedWhatStarted() throws Exception {
    // Given: a demo that has started its broker and registered its fleet, and is starting the rest
    Path log = dir.resolve("demo.log");
    demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Meshpulse.class.getName(), "demo", "--port", "0", "--agents", "3", "--scenario-every", "0"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(50))
        .until(() -> read(log).contains("simulated fleet of 3 agents registered") || !demo.isAlive());

    // When
    long stop = System.nanoTime();
    demo.destroy();

    // Then
    assertTrue(demo.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS), () -> "still running: " + read(log));
    Duration took = Duration.ofNanos(System.nanoTime() - stop);
    String output = read(log);
    assertTrue(took.compareTo(STOP_LIMIT) < 0, "took " + took.toMillis() + " ms");
    assertTrue(output.lines().anyMatch(l -> l.contains("Running") && l.contains("stopped in ")), output);
    assertTrue(output.lines().anyMatch(l -> l.contains("Kafka broker at") && l.contains("stopped")),
        "broker closed: " + output);
    assertFalse(output.contains("demo ready"), "start-up went on: " + output);
    assertFalse(output.contains("exiting anyway"), output);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
