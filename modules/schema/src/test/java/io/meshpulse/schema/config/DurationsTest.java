package io.meshpulse.schema.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsEachUnit() {
    assertEquals(Duration.ofMillis(250), Durations.parse("timeout", "250ms"));
    assertEquals(Duration.ofSeconds(5), Durations.parse("timeout", "5s"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("timeout", " 2M "));
    assertEquals(Duration.ofHours(1), Durations.parse("timeout", "1h"));
  }

  @Test
  void badTextNamesTheField() {
    ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse("agents[2].timeout", "soon"));

    assertEquals("agents[2].timeout", e.field());
    assertTrue(e.getMessage().startsWith("agents[2].timeout: "), e.getMessage());
  }

  @Test
  void formatReadsBack() {
    for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(5), Duration.ofMinutes(3)}) {
      assertEquals(d, Durations.parse("x", Durations.format(d)));
    }
  }

  @Test
  void aDurationTooLongForMillisecondsIsRejectedNamingTheField() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Durations.parse("--window", "99999999999999999999999h"));

    assertEquals("--window: must be at most 8760h, got 99999999999999999999999h", e.getMessage());
  }

  @Test
  void aYearIsTheLongestDuration() {
    assertEquals(Duration.ofDays(365), Durations.parse("x", "8760h"));
    assertThrows(ConfigException.class, () -> Durations.parse("x", "8761h"));
  }

  @Test
  void positiveBoundedDurationRejectsZeroAndTooLong() {
    ConfigException zero = assertThrows(ConfigException.class,
        () -> Durations.requirePositive("timeout", Duration.ZERO, Duration.ofMinutes(10)));
    ConfigException tooLong = assertThrows(ConfigException.class,
        () -> Durations.requirePositive("timeout", Duration.ofMinutes(11), Duration.ofMinutes(10)));

    assertEquals("timeout: must be a positive duration, got 0s", zero.getMessage());
    assertEquals("timeout: must be at most 10m, got 11m", tooLong.getMessage());
  }

  @Test
  void zeroWhereAPositiveDurationIsNeededIsQuotedAsWritten() {
    ConfigException seconds = assertThrows(ConfigException.class,
        () -> Durations.parsePositive("--window", "0s", Duration.ofHours(1)));
    ConfigException minutes = assertThrows(ConfigException.class,
        () -> Durations.parsePositive("--window", " 0m ", Duration.ofHours(1)));

    assertEquals("--window: must be a positive duration, got 0s", seconds.getMessage());
    assertEquals("--window: must be a positive duration, got 0m", minutes.getMessage());
  }

  @Test
  void positiveDurationIsReadWithinItsBound() {
    assertEquals(Duration.ofMillis(1), Durations.parsePositive("--window", "1ms", Duration.ofHours(1)));
    assertThrows(ConfigException.class, () -> Durations.parsePositive("--window", "2h", Duration.ofHours(1)));
  }
}
