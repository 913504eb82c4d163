package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyConfigTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    TopologyConfig c = TopologyConfig.defaults();

    assertEquals("meshpulse.", c.topics().prefix());
    assertEquals(Duration.ofMinutes(1), c.windowSize());
    assertEquals(Duration.ofMinutes(1), c.windowAdvance());
    assertEquals(Duration.ofSeconds(10), c.windowGrace());
    assertEquals(Duration.ofHours(1), c.windowRetention());
    assertEquals(3, c.unhealthyAfter());
    assertEquals(2, c.healthyAfter());
    assertEquals(Duration.ofSeconds(10), c.defaultInterval());
    assertEquals(3, c.unknownAfterMissedIntervals());
    assertEquals(Duration.ofSeconds(1), c.unknownScanEvery());
    assertEquals(Duration.ofMinutes(1), c.maxFutureSkew());
    assertEquals(0.005, c.sketchRelativeAccuracy());
  }

  @Test
  void everyKeyIsRead() {
    Map<String, String> m = new HashMap<>();
    m.put(TopologyConfig.TOPICS_PREFIX, "test.");
    m.put(TopologyConfig.WINDOW_SIZE, "5m");
    m.put(TopologyConfig.WINDOW_ADVANCE, "1m");
    m.put(TopologyConfig.WINDOW_GRACE, "0s");
    m.put(TopologyConfig.WINDOW_RETENTION, "2h");
    m.put(TopologyConfig.UNHEALTHY_AFTER, "5");
    m.put(TopologyConfig.HEALTHY_AFTER, "1");
    m.put(TopologyConfig.DEFAULT_INTERVAL, "30s");
    m.put(TopologyConfig.UNKNOWN_AFTER_MISSED_INTERVALS, "2");
    m.put(TopologyConfig.UNKNOWN_SCAN_EVERY, "250ms");
    m.put(TopologyConfig.MAX_FUTURE_SKEW, "5s");
    m.put(TopologyConfig.SKETCH_RELATIVE_ACCURACY, "0.01");

    TopologyConfig c = TopologyConfig.fromMap(m);

    assertEquals(new TopologyConfig(new io.meshpulse.schema.Topics("test."), Duration.ofMinutes(5), Duration.ofMinutes(1),
        Duration.ZERO, Duration.ofHours(2), 5, 1, Duration.ofSeconds(30), 2, Duration.ofMillis(250), Duration.ofSeconds(5), 0.01), c);
    assertEquals(c, TopologyConfig.fromMap(c.toMap()));
  }

  @Test
  void advanceFollowsTheSizeUnlessGiven() {
    assertEquals(Duration.ofMinutes(5), TopologyConfig.fromMap(Map.of(TopologyConfig.WINDOW_SIZE, "5m")).windowAdvance());
  }

  @Test
  void unknownKeyIsNamed() {
    ConfigException e = assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(Map.of("window.sise", "1m")));

    assertEquals("window.sise", e.field());
  }

  @Test
  void malformedValuesNameTheirKey() {
    assertEquals(TopologyConfig.WINDOW_GRACE,
        assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(Map.of(TopologyConfig.WINDOW_GRACE, "ten seconds"))).field());
    assertEquals(TopologyConfig.UNHEALTHY_AFTER,
        assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(Map.of(TopologyConfig.UNHEALTHY_AFTER, "three"))).field());
    assertEquals(TopologyConfig.TOPICS_PREFIX,
        assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, "a/b"))).field());
  }

  @Test
  void retentionShorterThanSizePlusGraceIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(
        Map.of(TopologyConfig.WINDOW_SIZE, "1h", TopologyConfig.WINDOW_RETENTION, "1h")));

    assertEquals(TopologyConfig.WINDOW_RETENTION, e.field());
    assertTrue(e.getMessage().contains("3610s"), e.getMessage());
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertEquals(TopologyConfig.WINDOW_ADVANCE, assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(
        Map.of(TopologyConfig.WINDOW_ADVANCE, "2m"))).field());
    assertEquals(TopologyConfig.WINDOW_SIZE, assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(
        Map.of(TopologyConfig.WINDOW_SIZE, "0s"))).field());
    assertEquals(TopologyConfig.HEALTHY_AFTER, assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(
        Map.of(TopologyConfig.HEALTHY_AFTER, "0"))).field());
    assertEquals(TopologyConfig.SKETCH_RELATIVE_ACCURACY, assertThrows(ConfigException.class, () -> TopologyConfig.fromMap(
        Map.of(TopologyConfig.SKETCH_RELATIVE_ACCURACY, "1.5"))).field());
  }

  @Test
  void zeroWhereAPositiveDurationIsNeededIsQuotedAsWritten() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> TopologyConfig.fromMap(Map.of(TopologyConfig.UNKNOWN_SCAN_EVERY, "0s")));

    assertEquals("status.unknown-scan-every: must be a positive duration, got 0s", e.getMessage());
  }

  @Test
  void durationsInErrorsOfABuiltConfigReadAsTheyAreWritten() {
    TopologyConfig defaults = TopologyConfig.defaults();

    ConfigException e = assertThrows(ConfigException.class, () -> new TopologyConfig(defaults.topics(),
        defaults.windowSize(), defaults.windowAdvance(), defaults.windowGrace(), defaults.windowRetention(),
        defaults.unhealthyAfter(), defaults.healthyAfter(), Duration.ZERO, defaults.unknownAfterMissedIntervals(),
        defaults.unknownScanEvery(), defaults.maxFutureSkew(), defaults.sketchRelativeAccuracy()));

    assertEquals("status.default-interval: must be a positive duration, got 0s", e.getMessage());
  }
}
