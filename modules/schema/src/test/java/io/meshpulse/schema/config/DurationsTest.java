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
    for (Duration d : new Duration[] {Duration.ofMillis(1500), Duration.ofSeconds(5), Duration.ofMinutes(3)}) {
      assertEquals(d, Durations.parse("x", Durations.format(d)));
    }
  }
}
