package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check command's verdict and table cover every agent of the file, not only those with a result. */
class CheckTableTest {

  private static final List<AgentCard> FILE = List.of(Checks.card("billing"), Checks.card("search"));

  @Test
  void anAgentWithoutAResultIsNotHealthy() {
    // Given
    List<HealthCheckResult> results = List.of(Checks.healthy("billing", 12.0, 1));

    // When
    boolean allHealthy = CheckTable.allHealthy(FILE, results);

    // Then
    assertFalse(allHealthy);
  }

  @Test
  void everyAgentHealthyIsAllHealthy() {
    // When
    boolean allHealthy = CheckTable.allHealthy(FILE,
        List.of(Checks.healthy("search", 3.0, 1), Checks.healthy("billing", 12.0, 1)));

    // Then
    assertTrue(allHealthy);
  }

  @Test
  void anAgentWithoutAResultHasARowSayingSo() {
    // When
    String table = CheckTable.render(FILE, List.of(Checks.refused("billing", 1)));

    // Then
    List<String> lines = table.lines().toList();
    assertEquals(3, lines.size(), table);
    assertEquals(List.of("billing", "UNHEALTHY", "0.4", "-", "connection refused"), List.of(lines.get(1).split("\\s{2,}")));
    assertEquals(List.of("search", "UNKNOWN", "-", "-", "not checked: no result this round"),
        List.of(lines.get(2).split("\\s{2,}")));
  }
}
