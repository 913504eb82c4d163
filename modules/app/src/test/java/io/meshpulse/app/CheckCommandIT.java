package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshpulse check}: one round against real HTTP agents on loopback, a table, an exit code. */
class CheckCommandIT {

  @TempDir
  Path dir;

  @Test
  void allHealthyAgentsGiveATableASummaryAndExitCodeZero() throws IOException {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("billing", Behaviour.healthy(Duration.ofMillis(50)), "invoices"),
        AgentSpec.of("search", Behaviour.healthy(Duration.ofMillis(5)), "search")))) {
      Path agents = agentsFile(fleet);

      // When
      Cli.Run run = Cli.run("check", "--agents", agents.toString(), "--timeout", "2s");

      // Then
      assertEquals(0, run.exitCode(), run::toString);
      List<String> lines = run.out().lines().toList();
      assertEquals(List.of("AGENT", "HEALTH", "MS", "HTTP", "ERROR"), List.of(lines.get(0).split("\\s+")));
      assertRow(lines.get(1), "billing", "HEALTHY", "200");
      assertRow(lines.get(2), "search", "HEALTHY", "200");
      assertTrue(milliseconds(lines.get(1)) >= 50, lines.get(1));
      assertTrue(lines.get(3).matches("round 1: 2/2 healthy, 0 degraded, 0 unhealthy; .*"), lines.get(3));
      assertEquals("", run.err());
    }
  }

  @Test
  void anyUnhealthyAgentGivesExitCodeOneAndItsErrorInTheTable() throws IOException {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("billing", Behaviour.healthy(Duration.ofMillis(5)), "invoices"),
        AgentSpec.of("gone", Behaviour.down(), "search"),
        AgentSpec.of("stuck", Behaviour.hung(), "search")))) {
      Path agents = agentsFile(fleet);

      // When
      Cli.Run run = Cli.run("check", "--agents", agents.toString(), "--timeout", "500ms");

      // Then
      assertEquals(1, run.exitCode(), run::toString);
      List<String> lines = run.out().lines().toList();
      assertRow(lines.get(1), "billing", "HEALTHY", "200");
      assertRow(lines.get(2), "gone", "UNHEALTHY", "-");
      assertTrue(lines.get(2).endsWith("connection refused"), lines.get(2));
      assertRow(lines.get(3), "stuck", "UNHEALTHY", "-");
      assertTrue(lines.get(3).endsWith("timeout after 500 ms (no response)"), lines.get(3));
      assertTrue(lines.get(4).startsWith("round 1: 1/3 healthy, 0 degraded, 2 unhealthy;"), lines.get(4));
    }
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuthAndNeverPrinted() throws IOException {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("secured", Behaviour.basicAuth("svc", "s3cret"), "invoices")))) {
      String url = fleet.agent("secured").url().replaceFirst("://", "://svc:s3cret@");
      Path agents = Files.writeString(dir.resolve("agents.yaml"), "agents:\n  - name: secured\n    url: " + url + "\n");

      // When
      Cli.Run run = Cli.run("check", "--agents", agents.toString(), "--timeout", "2s");

      // Then
      assertEquals(0, run.exitCode(), run::toString);
      assertRow(run.out().lines().toList().get(1), "secured", "HEALTHY", "200");
      assertFalse(run.toString().contains("s3cret"), run::toString);
    }
  }

  private Path agentsFile(SimulatedFleet fleet) throws IOException {
    StringBuilder yaml = new StringBuilder("agents:\n");
    for (SimulatedAgent agent : fleet.agents()) {
      yaml.append("  - name: ").append(agent.name()).append('\n')
          .append("    url: ").append(agent.url()).append('\n')
          .append("    capabilities: ").append(agent.capabilities()).append('\n');
    }
    return Files.writeString(dir.resolve("agents.yaml"), yaml);
  }

  private static void assertRow(String line, String agent, String health, String http) {
    String[] cells = line.split("\\s+", 5);
    assertEquals(List.of(agent, health, http), List.of(cells[0], cells[1], cells[3]), line);
    assertTrue(Pattern.matches("\\d+\\.\\d", cells[2]), line);
  }

  private static double milliseconds(String line) {
    return Double.parseDouble(line.split("\\s+")[2]);
  }
}
