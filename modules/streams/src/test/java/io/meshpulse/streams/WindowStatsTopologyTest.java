package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.streams.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentWindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowStatsTopologyTest {

  private final TopologyFixture f = new TopologyFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void windowStatisticsComeFromTheChecksOfTheWindow() {
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(50), 10.0));
    f.pipe(Checks.timeout("a", T0.minusSeconds(40)));
    f.pipe(Checks.check("a", DEGRADED, T0.minusSeconds(30), 30.0));

    ValueAndTimestamp<AgentWindowStats> stored = f.windowStats().fetch("a", T0.minusSeconds(60).toEpochMilli());

    AgentWindowStats stats = WindowedStats.stamp("a", T0.minusSeconds(60).toEpochMilli(), f.config.windowSize(), stored.value());
    assertEquals(T0.minusSeconds(60), stats.getWindowStart());
    assertEquals(T0, stats.getWindowEnd());
    assertEquals(3, stats.getCount());
    assertEquals(1, stats.getHealthyCount());
    assertEquals(1, stats.getDegradedCount());
    assertEquals(1, stats.getUnhealthyCount());
    assertEquals(2, stats.getLatencyCount());
    assertEquals(10.0, stats.getLatencyMinMs());
    assertEquals(20.0, stats.getLatencyMeanMs(), 1e-9);
    assertEquals(30.0, stats.getLatencyMaxMs());
    assertEquals("timeout after 2000 ms", stats.getLastError());
  }

  @Test
  void closedWindowIsEmittedOnceToTheStatsTopic() {
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(110), 10.0));
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(100), 20.0));
    f.advanceWallClock(Duration.ofSeconds(1)); // closed windows are looked for at most once a second
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(45))); // stream time passes the window's end + grace
    f.advanceWallClock(Duration.ofSeconds(1));
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(35)));

    List<KeyValue<String, AgentWindowStats>> emitted = f.stats.readKeyValuesToList();

    assertEquals(1, emitted.size(), emitted.toString());
    AgentWindowStats closed = emitted.get(0).value;
    assertEquals("a", emitted.get(0).key);
    assertEquals("a", closed.getAgent());
    assertEquals(T0.minusSeconds(120), closed.getWindowStart());
    assertEquals(T0.minusSeconds(60), closed.getWindowEnd());
    assertEquals(2, closed.getCount());
    assertEquals(15.0, closed.getLatencyMeanMs(), 1e-9);
  }

  @Test
  void outOfOrderCheckWithinGraceCountsInItsWindow() {
    f.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(50), 10.0));
    f.pipe(Checks.check("a", HEALTHY, T0.plusSeconds(5), 10.0)); // stream time past the window's end, within grace
    f.pipe(Checks.check("a", DEGRADED, T0.minusSeconds(55), 40.0));

    AgentWindowStats stats = f.windowStats().fetch("a", T0.minusSeconds(60).toEpochMilli()).value();

    assertEquals(2, stats.getCount());
    assertEquals(1, stats.getDegradedCount());
    assertEquals(40.0, stats.getLatencyMaxMs());
    assertTrue(f.deadLetters.isEmpty());
  }

  @Test
  void hoppingWindowsCountACheckInEachOfItsWindowsAndAreEmittedOnceEach() {
    try (TopologyFixture hopping = new TopologyFixture(Map.of(TopologyConfig.WINDOW_SIZE, "1m",
        TopologyConfig.WINDOW_ADVANCE, "30s", TopologyConfig.WINDOW_GRACE, "10s"))) {
      hopping.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(100), 10.0)); // in [-150s, -90s) and [-120s, -60s)
      hopping.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(80), 30.0)); // in [-120s, -60s) and [-90s, -30s)
      for (int s = 20; s >= 0; s -= 10) { // stream time passes -30s + 10s grace; closed windows are looked for once a second
        hopping.advanceWallClock(Duration.ofSeconds(1));
        hopping.pipe(Checks.check("a", HEALTHY, T0.minusSeconds(s)));
      }

      List<String> emitted = hopping.stats.readValuesToList().stream()
          .map(w -> offset(w.getWindowStart()) + ".." + offset(w.getWindowEnd()) + " count=" + w.getCount()
              + " mean=" + w.getLatencyMeanMs())
          .toList();

      assertEquals(List.of("-150..-90 count=1 mean=10.0", "-120..-60 count=2 mean=20.0", "-90..-30 count=1 mean=30.0"),
          emitted);
    }
  }

  /** Seconds from T0. */
  private static long offset(Instant t) {
    return Duration.between(T0, t).toSeconds();
  }
}
