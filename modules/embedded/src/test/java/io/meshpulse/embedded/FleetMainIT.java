package io.meshpulse.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet process's contract, run in this JVM: agents file, READY line, stop on stdin's end. */
class FleetMainIT {

  private static final Pattern URL = Pattern.compile("url: (http://\\S+)");

  @Test
  void fleetProcessWritesItsAgentsAndStopsWhenStdinCloses(@TempDir Path dir) throws Exception {
    // Given
    Path agentsFile = dir.resolve("agents.yaml");
    PipedOutputStream stdinWriter = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(stdinWriter);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    String[] args = {"--agents", "300", "--latency", "10ms", "--first-ip-block", "21", "--out", agentsFile.toString()};

    // When
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> FleetMain.run(args, stdin, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err));
    await().atMost(Duration.ofSeconds(30)).until(() -> stdout.toString(StandardCharsets.UTF_8).contains("\n"));

    // Then
    assertEquals("READY 300", stdout.toString(StandardCharsets.UTF_8).trim());
    String yaml = Files.readString(agentsFile);
    List<String> urls = URL.matcher(yaml).results().map(m -> m.group(1)).toList();
    assertEquals(300, urls.size());
    assertTrue(yaml.contains("- name: agent-05000\n"), "names continue from block 21: " + yaml.substring(0, 200));
    assertTrue(urls.get(0).startsWith("http://127.0.21.1:"), urls.get(0));
    assertTrue(urls.get(299).startsWith("http://127.0.22.50:"), urls.get(299));
    assertEquals(200, AgentBehavioursIT.getUrl(urls.get(299)).statusCode());

    stdinWriter.close();
    assertEquals(0, exit.get(30, TimeUnit.SECONDS));
  }

  @Test
  void badArgumentsExitWithUsage() {
    // Given
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    // When
    int exit = FleetMain.run(new String[] {"--agents", "many"}, System.in, System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8));

    // Then
    assertEquals(2, exit);
    assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("--agents: expected a whole number, got 'many'\nusage: FleetMain"));
  }
}
