package io.meshpulse.embedded;

import io.meshpulse.schema.AgentCard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP agents on loopback, each on its own address, served by one non-blocking selector thread: a
 * few thousand agents with a kept-alive connection each fit in one process (one listener and one
 * connection per agent: mind the open-file limit).
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(List.of(
 *     AgentSpec.of("billing", Behaviour.healthy(Duration.ofMillis(20)), "invoices"),
 *     AgentSpec.of("stuck", Behaviour.hung(), "search")))) {
 *   fleet.agent("billing").setBehaviour(Behaviour.down());
 * }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final EventLoop loop;
  private final Map<String, SimulatedAgent> agents;
  private boolean closed;

  private SimulatedFleet(EventLoop loop, Map<String, SimulatedAgent> agents) {
    this.loop = loop;
    this.agents = agents;
  }

  public static SimulatedFleet start(List<AgentSpec> specs) {
    return start(specs, FleetOptions.defaults());
  }

  /** Binds every agent's listener (those that start {@link Behaviour#down()} get their port, then close it) and returns. */
  public static SimulatedFleet start(List<AgentSpec> specs, FleetOptions options) {
    requireUniqueNames(specs);
    long start = System.nanoTime();
    EventLoop loop = EventLoop.start("simulated-fleet");
    Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      AgentSpec spec = specs.get(i);
      agents.put(spec.name(), new SimulatedAgent(spec, FleetAddresses.of(options.firstIpBlock(), i, options.port()), loop, options));
    }
    SimulatedFleet fleet = new SimulatedFleet(loop, agents);
    try {
      loop.call(() -> {
        agents.values().forEach(SimulatedAgent::open);
        return null;
      }, START_TIMEOUT);
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
    LOG.debug("simulated fleet of {} agents listening in {} ms", agents.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return fleet;
  }

  /** A started fleet of {@code n} agents with a mix of behaviours, for the demo: see {@link DemoMix}. */
  public static SimulatedFleet demoMix(int n) {
    return start(DemoMix.specs(n));
  }

  /** The agents, in the order of their specs. */
  public List<SimulatedAgent> agents() {
    return List.copyOf(agents.values());
  }

  /** @throws IllegalArgumentException when no agent has that name */
  public SimulatedAgent agent(String name) {
    SimulatedAgent agent = agents.get(name);
    if (agent == null) {
      throw new IllegalArgumentException("no simulated agent named '" + name + "'");
    }
    return agent;
  }

  /** One registry card per agent, URL {@code http://<ip>:<port>/health}. */
  public List<AgentCard> cards() {
    return agents.values().stream().map(SimulatedAgent::card).toList();
  }

  /** Connections currently open to any agent. */
  public int openConnections() {
    return agents.values().stream().mapToInt(SimulatedAgent::openConnections).sum();
  }

  /** Closes every listener and connection, then stops the selector thread. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      loop.call(() -> {
        agents.values().forEach(SimulatedAgent::shutDown);
        return null;
      }, STOP_TIMEOUT);
    } finally {
      loop.close();
    }
  }

  private static void requireUniqueNames(List<AgentSpec> specs) {
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (AgentSpec spec : specs) {
      if (!seen.add(spec.name())) {
        duplicates.add(spec.name());
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException("agent names must be unique; repeated: " + duplicates);
    }
  }
}
