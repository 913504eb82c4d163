package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FleetAddressesTest {

  @Test
  void agentsFillBlocksOf250() {
    assertEquals("127.0.1.1", FleetAddresses.of(1, 0, 0).getAddress().getHostAddress());
    assertEquals("127.0.1.250", FleetAddresses.of(1, 249, 0).getAddress().getHostAddress());
    assertEquals("127.0.2.1", FleetAddresses.of(1, 250, 0).getAddress().getHostAddress());
    assertEquals("127.1.4.1", FleetAddresses.of(1, 259 * 250, 0).getAddress().getHostAddress());
  }

  @Test
  void twoProcessesOfFiveThousandDoNotOverlap() {
    int secondBlock = 1 + FleetAddresses.blocks(5_000);
    assertEquals(21, secondBlock);
    assertEquals("127.0.20.250", FleetAddresses.of(1, 4_999, 0).getAddress().getHostAddress());
    assertEquals("127.0.21.1", FleetAddresses.of(secondBlock, 0, 0).getAddress().getHostAddress());
  }
}
