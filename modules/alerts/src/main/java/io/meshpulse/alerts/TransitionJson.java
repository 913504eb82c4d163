package io.meshpulse.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshpulse.schema.HealthTransition;

/** One transition as one line of JSON, with stable field names for log shippers. */
public final class TransitionJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TransitionJson() {}

  public static String line(HealthTransition t) {
    ObjectNode node = JSON.createObjectNode()
        .put("id", t.getId())
        .put("agent", t.getAgent())
        .put("from", t.getFrom().name())
        .put("to", t.getTo().name())
        .put("at", t.getAt().toString())
        .put("reason", t.getReason());
    node.put("last_error", t.getLastError());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a transition always serialises", e);
    }
  }
}
