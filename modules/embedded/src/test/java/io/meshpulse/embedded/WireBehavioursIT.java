package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Behaviours that show on the wire: dropped idle connections (P1), trickling (P6) and huge (P7) bodies. */
class WireBehavioursIT {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration IDLE = Duration.ofSeconds(10);

  /** The fleet's monotonic ticker, stepped by the test: idleness without waiting for it. */
  private final AtomicLong ticks = new AtomicLong();

  @Test
  void busyConnectionIsReused() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetWithTicker(Behaviour.dropsIdleConnections(IDLE, false));
         RawHttp connection = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
      assertEquals(200, connection.get(true).readAnswer().status());
      ticks.addAndGet(IDLE.minusSeconds(1).toNanos());

      // When
      RawHttp.Answer second = connection.get(true).readAnswer();

      // Then
      assertEquals(200, second.status());
      assertEquals(1, fleet.agents().get(0).connectionsAccepted());
    }
  }

  @Test
  void idleConnectionIsClosedOnReuse() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetWithTicker(Behaviour.dropsIdleConnections(IDLE, false));
         RawHttp connection = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
      assertEquals(200, connection.get(true).readAnswer().status());
      ticks.addAndGet(IDLE.plusSeconds(1).toNanos());

      // When
      connection.get(true);

      // Then: end of stream without a response byte; a fresh connection is answered
      assertEquals(-1, connection.read());
      try (RawHttp fresh = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
        assertEquals(200, fresh.get(true).readAnswer().status());
      }
    }
  }

  @Test
  void idleConnectionIsResetOnReuse() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetWithTicker(Behaviour.dropsIdleConnections(IDLE, true));
         RawHttp connection = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
      assertEquals(200, connection.get(true).readAnswer().status());
      ticks.addAndGet(IDLE.plusSeconds(1).toNanos());

      // When
      connection.get(true);

      // Then
      SocketException reset = assertThrows(SocketException.class, connection::read);
      assertTrue(reset.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset"), reset.getMessage());
    }
  }

  @Test
  void trickleSendsOneByteEveryInterval() throws Exception {
    // Given
    try (SimulatedFleet fleet = AgentBehavioursIT.fleetOf(Behaviour.trickle(Duration.ofMillis(100)));
         RawHttp connection = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
      // When
      RawHttp.Head head = connection.get(true).readHead();
      List<Long> arrivals = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        assertEquals('x', connection.read());
        arrivals.add(System.nanoTime());
      }

      // Then: headers at once, then a byte per 100 ms (four gaps between five bytes)
      assertEquals(200, head.status());
      long spreadMillis = (arrivals.get(4) - arrivals.get(0)) / 1_000_000;
      assertTrue(spreadMillis >= 300 && spreadMillis < 3_000, "5 bytes over " + spreadMillis + " ms");
    }
  }

  @Test
  void hugeBodyStreamsWithoutBufferingIt() throws Exception {
    // Given
    long size = 64L * 1024 * 1024;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (SimulatedFleet fleet = AgentBehavioursIT.fleetOf(Behaviour.hugeBody(size));
         RawHttp connection = RawHttp.connect(url(fleet), READ_TIMEOUT)) {
      long heapBefore = heapAfterGc(memory);
      AtomicLong heapMidway = new AtomicLong();

      // When
      RawHttp.Head head = connection.get(true).readHead();
      long read = connection.readChunkedBody(total -> {
        if (heapMidway.get() == 0 && total >= size / 2) {
          heapMidway.set(heapAfterGc(memory));
        }
      });

      // Then: the whole body came, and the heap did not grow by anything like its size
      assertEquals(200, head.status());
      assertEquals(size, read);
      long growthMiB = (heapMidway.get() - heapBefore) / (1024 * 1024);
      assertTrue(growthMiB < 16, "heap grew by " + growthMiB + " MiB while streaming 64 MiB");
    }
  }

  private SimulatedFleet fleetWithTicker(Behaviour behaviour) {
    FleetOptions options = FleetOptions.defaults().withTicker(ticks::get);
    return SimulatedFleet.start(List.of(AgentSpec.of("agent", behaviour)), options);
  }

  private static String url(SimulatedFleet fleet) {
    return fleet.agents().get(0).url();
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
