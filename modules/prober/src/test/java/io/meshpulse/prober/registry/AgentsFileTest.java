package io.meshpulse.prober.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentsFileTest {

  @Test
  void readsTheDocumentedFormat() {
    List<AgentCard> cards = AgentsFile.parse("""
        agents:
          - name: billing-agent
            url: http://10.0.0.7:8080/health
            capabilities: [invoices, refunds]
            timeout: 2s
            labels: {team: payments}
          - name: search
            url: https://search.internal/healthz
            expected-status: 204
            unhealthy-after: 5
        """, "agents.yaml");

    assertEquals(2, cards.size());
    AgentCard billing = cards.get(0);
    assertEquals("billing-agent", billing.getName());
    assertEquals(List.of("invoices", "refunds"), billing.getCapabilities());
    assertEquals(2000L, billing.getTimeoutMs());
    assertEquals(Map.of("team", "payments"), billing.getLabels());
    assertEquals(List.of(204), cards.get(1).getExpectedStatus());
    assertEquals(5, cards.get(1).getUnhealthyAfter());
  }

  @Test
  void emptyListIsAnEmptyFleet() {
    assertEquals(List.of(), AgentsFile.parse("agents: []\n", "agents.yaml"));
  }

  @Test
  void badUrlNamesFileAndField() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse("""
        agents:
          - name: a
            url: http://ok/health
          - name: b
            url: ftp://nope/health
        """, "agents.yaml"));

    assertEquals("agents.yaml: agents[1].url", e.field());
    assertTrue(e.getMessage().contains("http:// or https://"), e.getMessage());
  }

  @Test
  void badDurationNamesTheField() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, url: 'http://x/h', timeout: soon}\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].timeout", e.field());
  }

  @Test
  void misspelledFieldIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - {name: a, url: 'http://x/h', timout: 2s}\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].timout", e.field());
  }

  @Test
  void duplicateNamesAreRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> AgentsFile.parse(
        "agents:\n  - {name: a, url: 'http://x/h'}\n  - {name: a, url: 'http://y/h'}\n", "f.yaml"));

    assertEquals("f.yaml: agents[1].name", e.field());
  }

  @Test
  void missingUrlIsRequired() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - name: a\n", "f.yaml"));

    assertEquals("f.yaml: agents[0].url", e.field());
  }

  @Test
  void brokenYamlSaysWhere() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> AgentsFile.parse("agents:\n  - name: [a\n", "f.yaml"));

    assertTrue(e.getMessage().contains("line"), e.getMessage());
  }
}
