package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static io.meshpulse.streams.TopologyFixture.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTopologyTest {

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void malformedRecordGoesToTheDeadLetterTopicAndProcessingGoesOn() {
    // Under exactly-once the test driver drops what is sent while a record is deserialized (its
    // MockProducer.clear() discards the open transaction before processing); a real producer does
    // not. The handler is the same under either guarantee, so this test runs at-least-once.
    try (TopologyFixture f = new TopologyFixture(TopologyConfig.defaults(),
        Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE))) {
      f.rawChecks.pipeInput(bytes("a"), new byte[] {1, 2, 3}, T0);
      f.check("a", HEALTHY, T0.minusSeconds(5));

      TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
      assertArrayEquals(bytes("a"), dead.key());
      assertArrayEquals(new byte[] {1, 2, 3}, dead.value());
      assertEquals("undeserializable", header(dead, DeadLetters.REASON));
      assertEquals(f.config.topics().checks(), header(dead, DeadLetters.TOPIC));
      assertEquals("0", header(dead, DeadLetters.OFFSET));
      assertNotNull(header(dead, DeadLetters.EXCEPTION));
      assertNull(header(dead, DeadLetters.STACKTRACE));
      assertEquals(HEALTHY, f.status("a").getHealth());
    }
  }

  @Test
  void futureStampedCheckGoesToTheDeadLetterTopicWithoutMovingStreamTime() {
    try (TopologyFixture f = new TopologyFixture()) {
      HealthCheckResult future = Checks.check("a", HEALTHY, T0.plus(Duration.ofHours(1)));
      f.pipe(future);
      f.check("a", HEALTHY, T0.minusSeconds(5)); // would be late had the future check moved stream time

      TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
      assertTrue(f.deadLetters.isEmpty());
      assertEquals("future-timestamp", header(dead, DeadLetters.REASON));
      assertArrayEquals(MeshSerdes.checkResult().encode(future), dead.value());
      assertTrue(header(dead, DeadLetters.DETAIL).contains("ahead of the wall clock"), header(dead, DeadLetters.DETAIL));
      assertEquals(T0.minusSeconds(5), f.status("a").getLastCheck().getCheckedAt());
      assertEquals(1.0, f.admissionMetric("future-timestamp-checks-total"));
    }
  }

  @Test
  void lateCheckGoesToTheDeadLetterTopicAndIsCounted() {
    try (TopologyFixture f = new TopologyFixture(); LogCapture log = new LogCapture(DeadLetterProcessingHandler.class)) {
      f.check("a", HEALTHY, T0.minusSeconds(5));
      f.check("a", HEALTHY, T0.minusSeconds(90)); // window [-120s, -60s) closed at -50s

      TestRecord<byte[], byte[]> dead = f.deadLetters.readRecord();
      assertEquals("late", header(dead, DeadLetters.REASON));
      assertEquals(1.0, f.admissionMetric("late-checks-total"));
      List<ILoggingEvent> lines = log.events();
      assertEquals(1, lines.size());
      ILoggingEvent line = lines.get(0);
      assertEquals(Level.WARN, line.getLevel());
      assertNull(line.getThrowableProxy());
      String message = line.getFormattedMessage();
      assertTrue(message.contains("agent=a") && message.contains("check time=" + T0.minusSeconds(90))
          && message.contains("stream time=" + T0.minusSeconds(5)), message);
    }
  }

  @Test
  void checkLateForItsEarliestHoppingWindowGoesToTheDeadLetterTopicWhole() {
    try (TopologyFixture f = new TopologyFixture(Map.of(TopologyConfig.WINDOW_SIZE, "1m",
        TopologyConfig.WINDOW_ADVANCE, "30s", TopologyConfig.WINDOW_GRACE, "0s"));
        LogCapture log = new LogCapture(DeadLetterProcessingHandler.class)) {
      f.check("a", HEALTHY, T0.minusSeconds(110));
      f.check("a", HEALTHY, T0.minusSeconds(85)); // window [-150s, -90s) has closed
      f.check("a", HEALTHY, T0.minusSeconds(100)); // in [-150s, -90s), closed, and [-120s, -60s), open

      assertEquals("late", header(f.deadLetters.readRecord(), DeadLetters.REASON));
      assertEquals(1.0, f.admissionMetric("late-checks-total"));
      assertEquals(1, log.events().size());
      assertEquals(2, f.windowStats().fetch("a", T0.minusSeconds(120).toEpochMilli()).value().getCount());
    }
  }

  @Test
  void checkUnderAnotherAgentsKeyGoesToTheDeadLetterTopic() {
    try (TopologyFixture f = new TopologyFixture()) {
      f.checks.pipeInput("b", Checks.check("a", HEALTHY, T0.minusSeconds(5)), T0);

      assertEquals("invalid-key", header(f.deadLetters.readRecord(), DeadLetters.REASON));
      assertNull(f.status("a"));
      assertNull(f.status("b"));
      assertEquals(1.0, f.admissionMetric("invalid-key-checks-total"));
    }
  }
}
