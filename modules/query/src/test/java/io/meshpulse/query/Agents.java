package io.meshpulse.query;

import io.meshpulse.schema.AgentHealth;
import java.util.List;
import java.util.Map;

/** Agent views for tests: only what routing and the JSON look at is set. */
final class Agents {

  private Agents() {}

  static AgentView agent(String name, AgentHealth health, Double p95Ms, String... capabilities) {
    return new AgentView(name, "http://127.0.0.1:9/" + name, List.of(capabilities), Map.of(), true, health,
        "2026-01-01T00:00:00Z", p95Ms, null, null, 200, "2026-01-01T00:00:01Z", 0, 1, p95Ms, 1.0);
  }
}
