package io.meshpulse.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** A value past its bound is rejected when parsed, naming its key and the bound, never overflowing. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      timeout        | 3000000h        | timeout: must be at most 10m, got 3000000h
      interval       | 25h             | interval: must be at most 24h, got 25h
      degraded-after | 99999999999999h | degraded-after: must be at most 10m, got 99999999999999h
      body-cap       | 0               | body-cap: must be at least 1, got 0
      max-connecting | 0               | max-connecting: must be at least 1, got 0
      timeout        | 0s              | timeout: must be a positive duration, got 0s
      interval       | 0               | interval: must be a positive duration, got 0
      degraded-after | 0m              | degraded-after: must be a positive duration, got 0m
      """)
  void valueOutOfBoundsIsRejectedNamingItsKey(String key, String value, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> ProberConfig.fromMap(Map.of(key, value)));

    assertEquals(message, e.getMessage());
  }
}
