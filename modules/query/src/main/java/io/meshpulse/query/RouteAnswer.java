package io.meshpulse.query;

import io.meshpulse.schema.AgentHealth;
import java.util.List;

/**
 * {@code GET /api/route?capability=X}: the chosen agent (null when there is none), why, and every
 * candidate in rank order.
 */
public record RouteAnswer(String capability, String agent, String url, AgentHealth health, Double p95Ms,
    String reason, List<Candidate> candidates) {

  public record Candidate(String name, AgentHealth health, Double p95Ms) {}

  public boolean found() {
    return agent != null;
  }
}
