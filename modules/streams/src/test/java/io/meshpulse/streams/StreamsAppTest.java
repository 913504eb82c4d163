package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppTest {

  private final TopologyConfig config = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, "t."));

  @Test
  void configIsExactlyOnceWithTheDeadLetterTopicItsHandlersAndTheMeasuredCommitAndCache() {
    Properties p = StreamsApp.streamsConfig("app", "broker:9092", config, Map.of());

    assertEquals("app", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("broker:9092", p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("t.checks.dlq", p.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
    assertEquals(DeadLetterDeserializationHandler.class, p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
    assertEquals(DeadLetterProcessingHandler.class, p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
    assertEquals(1000, p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
    assertEquals(64L * 1024 * 1024, p.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG));
    assertEquals(-1L, p.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
    assertEquals(Runtime.getRuntime().availableProcessors(), p.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
  }

  @Test
  void passthroughPropertiesLoseTheirPrefixAndWin() {
    Properties p = StreamsApp.streamsConfig("app", "broker:9092", config, Map.of(
        "kafka.application.server", "host-1:8080", "state.dir", "/var/lib/meshpulse", "kafka.commit.interval.ms", "250"));

    assertEquals("host-1:8080", p.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
    assertEquals("/var/lib/meshpulse", p.get(StreamsConfig.STATE_DIR_CONFIG));
    assertEquals("250", p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
  }

  @Test
  void awaitRunningNamesTheStateItGaveUpIn(@TempDir Path stateDir) {
    Properties p = StreamsApp.streamsConfig("app-await-" + System.nanoTime(), "127.0.0.1:1", config,
        Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
    try (StreamsApp app = new StreamsApp(HealthTopology.build(config), p, null)) {
      app.start();

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.awaitRunning(Duration.ofMillis(300)));

      assertTrue(e.getMessage().contains("did not reach RUNNING within 300 ms"), e.getMessage());
    }
  }
}
