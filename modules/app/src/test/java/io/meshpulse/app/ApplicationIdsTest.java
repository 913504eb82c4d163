package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicationIdsTest {

  private static final TopologyDescription HEALTH = HealthTopology.build(TopologyConfig.defaults()).describe();

  @ParameterizedTest
  @ValueSource(strings = {"a b", "", "billing/prod", "ümlaut", "a:b"})
  void idWithCharactersNoTopicNameMayHoldIsRejected(String id) {
    // When
    ConfigException e = assertThrows(ConfigException.class,
        () -> ApplicationIds.requireValid("--application-id", id, HEALTH));

    // Then
    assertEquals("--application-id: '" + id + "' may hold only letters, digits, '.', '_' and '-'", e.getMessage());
  }

  @Test
  void longestInternalTopicIsAStoresChangelogOrARepartitionTopic() {
    // Given a topology with a short store and a longer repartition topic, and one with a long store
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .repartition(Repartitioned.<String, String>as("rekeyed-by-agent").withKeySerde(Serdes.String()))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("store"));
    TopologyDescription withLongRepartition = builder.build().describe();
    StreamsBuilder other = new StreamsBuilder();
    other.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
        .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("a-rather-long-store"));

    // When / Then
    assertEquals("-rekeyed-by-agent-repartition", ApplicationIds.longestInternalTopicSuffix(withLongRepartition));
    assertEquals("-a-rather-long-store-changelog", ApplicationIds.longestInternalTopicSuffix(other.build().describe()));
  }

  @Test
  void idIsAsLongAsTheLongestInternalTopicOfTheTopologyAllows() {
    // Given
    int room = ApplicationIds.MAX_TOPIC_NAME - ApplicationIds.longestInternalTopicSuffix(HEALTH).length();

    // When
    ConfigException e = assertThrows(ConfigException.class,
        () -> ApplicationIds.requireValid("--application-id", "a".repeat(room + 1), HEALTH));

    // Then
    assertEquals("a".repeat(room), ApplicationIds.requireValid("--application-id", "a".repeat(room), HEALTH));
    assertEquals("--application-id: at most " + room + " characters, got " + (room + 1) + " (it names internal topics"
        + " such as <id>" + ApplicationIds.longestInternalTopicSuffix(HEALTH) + ", and a topic name has at most 249)",
        e.getMessage());
  }
}
