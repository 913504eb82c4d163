package io.meshpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of one simulated agent: its listener (bound while its behaviour accepts connections,
 * always on the same address and port) and its open connections. Loop thread only.
 */
final class AgentEndpoint implements IoHandler {

  /** Listen backlog: a burst of connects to one agent must not overflow it (SYNs dropped, retried after 1 s). */
  static final int BACKLOG = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);
  private static final int ACCEPTS_PER_WAKEUP = 64;
  private static final Duration ACCEPT_PAUSE = Duration.ofMillis(100);

  private final SimulatedAgent agent;
  private final EventLoop loop;
  private final Set<Connection> connections = new HashSet<>();
  private InetSocketAddress address;
  private ServerSocketChannel listener;
  private SelectionKey listenerKey;

  AgentEndpoint(SimulatedAgent agent, EventLoop loop, InetSocketAddress address) {
    this.agent = agent;
    this.loop = loop;
    this.address = address;
  }

  /** The bound address; its port is fixed by the first bind. */
  InetSocketAddress address() {
    return address;
  }

  EventLoop loop() {
    return loop;
  }

  String agentName() {
    return agent.name();
  }

  long ticks() {
    return agent.ticks();
  }

  Reply replyTo(Request request, boolean firstOnConnection, Duration idle) {
    return agent.replyTo(request, firstOnConnection, idle);
  }

  /** Listens or stops listening, as {@code behaviour} wants. */
  void apply(Behaviour behaviour) {
    if (behaviour.acceptsConnections()) {
      listen();
    } else {
      shutDown();
    }
  }

  /** Binds the listener if it is not bound. */
  void listen() {
    if (listener != null) {
      return;
    }
    loop.releaseClosedChannels();
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, BACKLOG);
      channel.configureBlocking(false);
      listenerKey = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
      address = (InetSocketAddress) channel.getLocalAddress();
      listener = channel;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("agent " + agent.name() + ": cannot listen on " + address, e);
    }
  }

  /** Closes the listener and every open connection; connecting is refused from now on. */
  void shutDown() {
    if (listener != null) {
      closeQuietly(listener);
      listener = null;
      listenerKey = null;
    }
    new ArrayList<>(connections).forEach(c -> c.close(false));
    loop.releaseClosedChannels();
  }

  void closed(Connection connection) {
    if (connections.remove(connection)) {
      agent.stats().connectionClosed();
    }
  }

  @Override
  public void onReady(SelectionKey key) {
    for (int i = 0; i < ACCEPTS_PER_WAKEUP && listener != null; i++) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        LOG.warn("agent {}: accept failed, pausing accepts for {} ms: {}", agent.name(), ACCEPT_PAUSE.toMillis(), e.toString());
        pauseAccepting();
        return;
      }
      if (channel == null) {
        return;
      }
      register(channel);
    }
  }

  @Override
  public void abort() {
    shutDown();
  }

  @Override
  public String toString() {
    return "listener of agent " + agent.name() + " on " + address;
  }

  private void register(SocketChannel channel) {
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(loop.selector(), SelectionKey.OP_READ);
      Connection connection = new Connection(channel, key, this);
      key.attach(connection);
      connections.add(connection);
      agent.stats().connectionOpened();
    } catch (IOException e) {
      LOG.debug("agent {}: cannot set up an accepted connection: {}", agent.name(), e.toString());
      closeQuietly(channel);
    }
  }

  /** Stops accepting for a moment, e.g. when the process is out of file descriptors, instead of spinning. */
  private void pauseAccepting() {
    SelectionKey key = listenerKey;
    key.interestOps(0);
    loop.schedule(ACCEPT_PAUSE, () -> {
      if (key.isValid()) {
        key.interestOps(SelectionKey.OP_ACCEPT);
      }
    });
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("cannot close {}: {}", channel, e.toString());
    }
  }
}
