package io.meshpulse.embedded;

import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a {@link SimulatedFleet} places and observes its agents.
 *
 * @param firstIpBlock agent i listens on {@code 127.x.y.(1 + i % 250)} where block {@code b = firstIpBlock + i / 250}
 *     gives {@code x = b / 256, y = b % 256}; fleets in different processes use blocks that do not overlap
 * @param port the port of every agent (they differ by address); 0 for an ephemeral port each
 * @param clock wall clock of the arrival times
 * @param ticker monotonic nanoseconds of the arrival times and of connection idleness
 * @param arrivalsKept how many recent arrivals each agent remembers
 */
public record FleetOptions(int firstIpBlock, int port, Clock clock, LongSupplier ticker, int arrivalsKept) {

  public FleetOptions {
    if (firstIpBlock < 1 || firstIpBlock > FleetAddresses.MAX_BLOCK) {
      throw new IllegalArgumentException("first IP block: must be 1.." + FleetAddresses.MAX_BLOCK + ", got " + firstIpBlock);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be 0..65535, got " + port);
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    if (arrivalsKept < 1) {
      throw new IllegalArgumentException("arrivals kept: must be at least 1, got " + arrivalsKept);
    }
  }

  public static FleetOptions defaults() {
    return new FleetOptions(1, 0, Clock.systemUTC(), System::nanoTime, 128);
  }

  public FleetOptions withFirstIpBlock(int block) {
    return new FleetOptions(block, port, clock, ticker, arrivalsKept);
  }

  public FleetOptions withPort(int p) {
    return new FleetOptions(firstIpBlock, p, clock, ticker, arrivalsKept);
  }

  public FleetOptions withClock(Clock c) {
    return new FleetOptions(firstIpBlock, port, c, ticker, arrivalsKept);
  }

  public FleetOptions withTicker(LongSupplier t) {
    return new FleetOptions(firstIpBlock, port, clock, t, arrivalsKept);
  }

  public FleetOptions withArrivalsKept(int n) {
    return new FleetOptions(firstIpBlock, port, clock, ticker, n);
  }
}
