package io.meshpulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthTransition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransitionJsonTest {

  @Test
  void transitionIsOneLineOfJsonWithEveryField() throws Exception {
    HealthTransition t = HealthTransition.newBuilder().setId("billing#3").setAgent("billing")
        .setFrom(AgentHealth.HEALTHY).setTo(AgentHealth.UNHEALTHY).setAt(Instant.parse("2026-12-03T10:15:30Z"))
        .setReason("3 consecutive checks UNHEALTHY").setLastError("timeout after 1000 ms").build();

    String line = TransitionJson.line(t);

    assertEquals(-1, line.indexOf('\n'));
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("billing#3", json.get("id").asText());
    assertEquals("billing", json.get("agent").asText());
    assertEquals("HEALTHY", json.get("from").asText());
    assertEquals("UNHEALTHY", json.get("to").asText());
    assertEquals("2026-12-03T10:15:30Z", json.get("at").asText());
    assertEquals("3 consecutive checks UNHEALTHY", json.get("reason").asText());
    assertEquals("timeout after 1000 ms", json.get("last_error").asText());
  }

  @Test
  void recentIdsDropRepeatsWithinCapacity() {
    RecentIds ids = new RecentIds(2);

    assertEquals(true, ids.firstTime("a#1"));
    assertEquals(false, ids.firstTime("a#1"));
    ids.firstTime("a#2");
    ids.firstTime("a#3");
    assertEquals(true, ids.firstTime("a#1"));
  }
}
