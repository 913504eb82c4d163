package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.DEGRADED;
import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.streams.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentWindowStats;
import java.time.Duration;
import java.util.List;
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
}
