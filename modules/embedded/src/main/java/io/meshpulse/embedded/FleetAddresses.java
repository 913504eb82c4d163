package io.meshpulse.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Loopback addresses of the agents: 250 agents per block, one block per {@code 127.x.y.0/24}. */
public final class FleetAddresses {

  public static final int AGENTS_PER_BLOCK = 250;
  static final int MAX_BLOCK = 0xFFFF;

  private FleetAddresses() {}

  /** The address of agent {@code index} of a fleet starting at {@code firstBlock}. */
  public static InetSocketAddress of(int firstBlock, int index, int port) {
    int block = firstBlock + index / AGENTS_PER_BLOCK;
    if (block > MAX_BLOCK) {
      throw new IllegalArgumentException("agent " + index + " from IP block " + firstBlock + " is beyond 127.255.255.0/24");
    }
    byte[] ip = {127, (byte) (block >> 8), (byte) block, (byte) (1 + index % AGENTS_PER_BLOCK)};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }

  /** How many blocks {@code agents} agents take: the next fleet can start at {@code firstBlock + blocks(agents)}. */
  public static int blocks(int agents) {
    return (agents + AGENTS_PER_BLOCK - 1) / AGENTS_PER_BLOCK;
  }
}
