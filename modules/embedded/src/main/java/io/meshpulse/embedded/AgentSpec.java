package io.meshpulse.embedded;

import java.util.List;
import java.util.Objects;

/** One agent to simulate: its unique name, how it behaves at first, and the capabilities its card announces. */
public record AgentSpec(String name, Behaviour behaviour, List<String> capabilities) {

  public AgentSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("agent name: must not be blank");
    }
    Objects.requireNonNull(behaviour, "behaviour");
    capabilities = List.copyOf(capabilities);
  }

  public static AgentSpec of(String name, Behaviour behaviour, String... capabilities) {
    return new AgentSpec(name, behaviour, List.of(capabilities));
  }
}
