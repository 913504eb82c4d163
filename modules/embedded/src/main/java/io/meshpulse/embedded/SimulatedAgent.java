package io.meshpulse.embedded;

import io.meshpulse.schema.AgentCard;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One HTTP agent of a {@link SimulatedFleet}, on its own loopback address. Its behaviour can be changed
 * from any thread; what it saw (requests, arrivals, connections) can be read from any thread.
 */
public final class SimulatedAgent {

  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

  private final AgentSpec spec;
  private final EventLoop loop;
  private final AgentStats stats;
  private final AgentEndpoint endpoint;
  private final Clock clock;
  private final LongSupplier ticker;
  private volatile Behaviour behaviour;
  private volatile InetSocketAddress boundAddress;
  private long sequence;

  SimulatedAgent(AgentSpec spec, InetSocketAddress address, EventLoop loop, FleetOptions options) {
    this.spec = spec;
    this.loop = loop;
    this.stats = new AgentStats(options.arrivalsKept());
    this.endpoint = new AgentEndpoint(this, loop, address);
    this.clock = options.clock();
    this.ticker = options.ticker();
    this.behaviour = spec.behaviour();
    this.boundAddress = address;
  }

  public String name() {
    return spec.name();
  }

  /** {@code http://<ip>:<port>/health}; the same for the agent's whole life, across {@link Behaviour#down()}. */
  public String url() {
    InetSocketAddress a = boundAddress;
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/health";
  }

  public InetSocketAddress address() {
    return boundAddress;
  }

  public List<String> capabilities() {
    return spec.capabilities();
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  /**
   * Switches behaviour for requests that arrive from now on, and returns once the listener follows
   * (closed for {@link Behaviour#down()}, bound again on the same address and port otherwise).
   */
  public void setBehaviour(Behaviour next) {
    java.util.Objects.requireNonNull(next, "behaviour");
    loop.call(() -> {
      behaviour = next;
      sequence = 0;
      endpoint.apply(next);
      return null;
    }, APPLY_TIMEOUT);
  }

  /** Requests received (complete request heads), since start or {@link #resetStats()}. */
  public long requests() {
    return stats.requests();
  }

  /** Connections accepted, since start or {@link #resetStats()}. */
  public long connectionsAccepted() {
    return stats.connectionsAccepted();
  }

  public int openConnections() {
    return stats.openConnections();
  }

  /** Arrival times of the most recent requests ({@link FleetOptions#arrivalsKept()} at most), oldest first. */
  public List<Arrival> arrivals() {
    return stats.arrivals();
  }

  public void resetStats() {
    stats.reset();
  }

  /** The registry card of this agent: name, URL, capabilities. */
  public AgentCard card() {
    return AgentCard.newBuilder().setName(name()).setUrl(url()).setCapabilities(capabilities()).build();
  }

  @Override
  public String toString() {
    return "SimulatedAgent[" + name() + " " + url() + " " + behaviour + "]";
  }

  /** Binds the listener (fixing the port), then closes it again if the initial behaviour is down. Loop thread. */
  void open() {
    endpoint.listen();
    boundAddress = endpoint.address();
    endpoint.apply(behaviour);
  }

  /** Closes the listener and the connections. Loop thread. */
  void shutDown() {
    endpoint.shutDown();
  }

  AgentStats stats() {
    return stats;
  }

  long ticks() {
    return ticker.getAsLong();
  }

  /** Records the arrival and asks the behaviour for the reply. Loop thread. */
  Reply replyTo(Request request, boolean firstOnConnection, Duration idle) {
    stats.requestArrived(ticker.getAsLong(), clock.instant());
    return behaviour.reply(new RequestContext(url(), sequence++, firstOnConnection, idle, request));
  }
}
