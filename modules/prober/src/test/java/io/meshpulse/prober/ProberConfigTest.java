package io.meshpulse.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProberConfigTest {

  @Test
  void defaultsAreDocumented() {
    ProberConfig config = ProberConfig.defaults();

    assertEquals(Duration.ofSeconds(10), config.interval());
    assertEquals(Duration.ofSeconds(5), config.timeout());
    assertEquals(Duration.ZERO, config.jitter());
    assertEquals(10_000, config.maxConcurrency());
    assertEquals(Duration.ofSeconds(1), config.degradedAfter());
  }

  @Test
  void valuesAreReadFromTheMap() {
    ProberConfig config = ProberConfig.fromMap(Map.of("interval", "2s", "timeout", "750ms", "jitter", "1s",
        "max-concurrency", "4", "prober-id", "p1"));

    assertEquals(Duration.ofSeconds(2), config.interval());
    assertEquals(Duration.ofMillis(750), config.timeout());
    assertEquals(Duration.ofSeconds(1), config.jitter());
    assertEquals(4, config.maxConcurrency());
    assertEquals("p1", config.proberId());
  }

  @Test
  void badValueNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ProberConfig.fromMap(Map.of("timeout", "fast")));

    assertEquals("timeout", e.field());
  }

  @Test
  void misspelledKeyIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> ProberConfig.fromMap(Map.of("timout", "1s")));

    assertEquals("timout", e.field());
  }

  @Test
  void jitterLongerThanTheIntervalIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProberConfig.fromMap(Map.of("interval", "1s", "jitter", "2s")));

    assertEquals("jitter", e.field());
  }

  @Test
  void timeoutLongerThanTenMinutesIsRejectedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProberConfig.fromMap(Map.of("timeout", "3000000h")));

    assertEquals("timeout: must be at most 10m, got 3000000h", e.getMessage());
  }

  @Test
  void intervalLongerThanADayIsRejected() {
    ConfigException e = assertThrows(ConfigException.class, () -> ProberConfig.fromMap(Map.of("interval", "25h")));

    assertEquals("interval: must be at most 24h, got 25h", e.getMessage());
  }

  @Test
  void degradedAfterTooLongToOverflowIsRejectedNamingItsBound() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ProberConfig.fromMap(Map.of("degraded-after", "99999999999999h")));

    assertEquals("degraded-after: must be at most 10m, got 99999999999999h", e.getMessage());
  }

  @Test
  void bodyCapBelowOneIsRejectedNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ProberConfig.fromMap(Map.of("body-cap", "0")));

    assertEquals("body-cap: must be at least 1, got 0", e.getMessage());
  }
}
