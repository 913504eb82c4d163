package io.meshpulse.prober.registry;

import io.meshpulse.schema.AgentCard;
import java.util.List;

/** Where the prober learns which agents to check; read once per round. */
public interface AgentRegistry extends AutoCloseable {

  /** The agents to check in the next round. */
  List<AgentCard> agents();

  @Override
  default void close() {}

  static AgentRegistry of(List<AgentCard> agents) {
    List<AgentCard> copy = List.copyOf(agents);
    return () -> copy;
  }
}
