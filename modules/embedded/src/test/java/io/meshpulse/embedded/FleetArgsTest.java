package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetArgsTest {

  @Test
  void secondProcessContinuesTheNames() {
    // Given
    FleetArgs args = FleetArgs.parse("--agents", "5000", "--first-ip-block", "21", "--latency", "200ms", "--out", "b.yaml");

    // When
    List<AgentSpec> specs = args.specs();

    // Then
    assertEquals("agent-05000", specs.get(0).name());
    assertEquals("agent-09999", specs.get(4999).name());
    assertEquals(Behaviour.healthy(Duration.ofMillis(200)), specs.get(0).behaviour());
    assertEquals(21, args.options().firstIpBlock());
  }

  @Test
  void missingOutputIsNamed() {
    // When
    ConfigException e = assertThrows(ConfigException.class, () -> FleetArgs.parse("--agents", "10"));

    // Then
    assertEquals("--out", e.field());
  }

  @Test
  void unknownOptionIsNamed() {
    // When
    ConfigException e = assertThrows(ConfigException.class, () -> FleetArgs.parse("--agnets", "10"));

    // Then
    assertEquals("--agnets", e.field());
  }
}
