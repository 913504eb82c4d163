package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.StreamsApp;
import io.meshpulse.streams.TopologyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TopologyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Kafka Streams throws when it cannot take its state directory, as the option the user gave the directory with. */
class StateDirTest {

  private static final TopologyConfig TOPOLOGY = TopologyConfig.defaults();

  @TempDir
  Path dir;

  @Test
  void directoryLockedByARunningInstanceIsNamedAsTheOption() {
    // Given an instance holding the state directory
    Properties config = config("billing-health", dir);
    try (KafkaStreams running = new KafkaStreams(HealthTopology.build(TOPOLOGY), config)) {
      StreamsException e = assertThrows(StreamsException.class,
          () -> new KafkaStreams(HealthTopology.build(TOPOLOGY), config));

      // When
      RuntimeException explained = new StateDir("--state-dir", dir).explain(e, config);

      // Then
      assertEquals(ConfigException.class, explained.getClass());
      assertEquals("--state-dir: " + dir.resolve("billing-health") + " is locked by another running instance of"
          + " billing-health; stop it, or give this one its own --state-dir", explained.getMessage());
    }
  }

  @Test
  void directoryThatCannotBeCreatedIsNamedAsTheOption() throws IOException {
    // Given a state directory that is a file
    Path file = Files.writeString(dir.resolve("state"), "x");
    Properties config = config("billing-health", file);
    StreamsException e = assertThrows(StreamsException.class,
        () -> new KafkaStreams(HealthTopology.build(TOPOLOGY), config));

    // When
    RuntimeException explained = new StateDir("--data-dir", file).explain(e, config);

    // Then
    assertEquals(ConfigException.class, explained.getClass());
    assertEquals("--data-dir: state directory [" + file.resolve("billing-health") + "] doesn't exist and couldn't be"
        + " created", explained.getMessage());
  }

  @Test
  void aTopologyErrorIsNotBlamedOnTheDirectory() {
    // Given
    TopologyException bug = new TopologyException("a store is connected to no processor");

    // When
    RuntimeException explained = new StateDir("--state-dir", dir).explain(bug, config("billing-health", dir));

    // Then
    assertSame(bug, explained);
  }

  private static Properties config(String applicationId, Path stateDir) {
    return StreamsApp.streamsConfig(applicationId, "127.0.0.1:9", TOPOLOGY,
        Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
  }
}
