package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A fleet too large for the open-files limit is refused up front, saying how large a fleet fits. */
class OpenFilesTest {

  @Test
  void fleetBeyondTheLimitIsRefusedNamingTheOptionAndWhatFits() {
    // When: 10,000 agents at 3 files each under the limit this machine has (20,000)
    ConfigException e = assertThrows(ConfigException.class,
        () -> OpenFiles.requireRoom("--agents", 10_000, 3, 20_000));

    // Then
    assertEquals("--agents: 10000 needs about 31000 open files, but this process may open 20000 (ulimit -n): "
        + "raise the limit (e.g. ulimit -n 31744) or use 6333 or fewer", e.getMessage());
  }

  @Test
  void theLargestFleetItNamesFits() {
    assertDoesNotThrow(() -> OpenFiles.requireRoom("--agents", 6_333, 3, 20_000));
    assertThrows(ConfigException.class, () -> OpenFiles.requireRoom("--agents", 6_334, 3, 20_000));
  }

  @Test
  void thisPlatformTellsItsLimit() {
    // the check is only as good as the limit it reads: on Linux (CI) the JVM must tell it
    assertTrue(OpenFiles.limit().isPresent() || !System.getProperty("os.name").contains("Linux"));
  }
}
