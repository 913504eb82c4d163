package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentCard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentsYamlTest {

  @Test
  void cardsBecomeTheAgentsFile() {
    // Given
    AgentCard card = AgentCard.newBuilder()
        .setName("billing-agent").setUrl("http://127.0.1.1:8080/health")
        .setCapabilities(List.of("invoices", "refunds")).setTimeoutMs(2000L)
        .setLabels(Map.of("team", "payments")).build();

    // When
    String yaml = AgentsYaml.render(List.of(card));

    // Then
    assertEquals("""
        agents:
          - name: billing-agent
            url: http://127.0.1.1:8080/health
            capabilities: [invoices, refunds]
            timeout: 2000ms
            labels: {team: payments}
        """, yaml);
  }

  @Test
  void ambiguousScalarsAreQuoted() {
    assertEquals("\"true\"", AgentsYaml.scalar("true"));
    assertEquals("\"007\"", AgentsYaml.scalar("007"));
    assertEquals("\"a: b\"", AgentsYaml.scalar("a: b"));
    assertEquals("\"say \\\"hi\\\"\"", AgentsYaml.scalar("say \"hi\""));
    assertEquals("\"x:y\"", AgentsYaml.flowScalar("x:y"));
  }
}
