package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.config.ConfigException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** Why the query API could not listen, named as the option to change: the port in use, or the address. */
class PortsTest {

  @Test
  void portInUseNamesThePort() {
    ConfigException e = Ports.notListening("--bind", "--port", "0.0.0.0", 8080,
        new UncheckedIOException(new BindException("Address already in use")));

    assertEquals("--port: port 8080 is already in use on 0.0.0.0", e.getMessage());
  }

  @Test
  void addressNotOfThisMachineNamesTheAddress() {
    ConfigException e = Ports.notListening("--bind", "--port", "10.99.99.99", 8080,
        new RuntimeException(new BindException("Cannot assign requested address")));

    assertEquals("--bind: cannot listen on 10.99.99.99:8080: Cannot assign requested address", e.getMessage());
  }

  @Test
  void unresolvableAddressNamesTheAddressWithoutANull() {
    ConfigException e = Ports.notListening("--bind", "--port", "999.1.1.1", 8080,
        new RuntimeException(new UnresolvedAddressException()));

    assertEquals("--bind: cannot resolve '999.1.1.1' to an address of this machine", e.getMessage());
  }

  @Test
  void addressOfNoMachineIsRejectedUpFront() {
    // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it
    ConfigException e = assertThrows(ConfigException.class, () -> Ports.requireListenable("--bind", "192.0.2.1"));

    assertTrue(e.getMessage().startsWith("--bind: cannot listen on 192.0.2.1: "), e.getMessage());
  }
}
