package io.meshpulse.query;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * A single RUNNING instance whose stores are a TopologyTestDriver's, read as interactive queries
 * read them (timestamped stores without their timestamps).
 */
final class DriverStreams implements LocalStreams {

  private final TopologyTestDriver driver;

  DriverStreams(TopologyTestDriver driver) {
    this.driver = driver;
  }

  @Override
  public KafkaStreams.State state() {
    return KafkaStreams.State.RUNNING;
  }

  @Override
  public Collection<StreamsMetadata> instances() {
    return List.of();
  }

  @Override
  public KeyQueryMetadata owner(String store, String key) {
    return KeyQueryMetadata.NOT_AVAILABLE;
  }

  @Override
  @SuppressWarnings("unchecked") // the queries ask for the store type the topology built
  public <T> T store(String name, QueryableStoreType<T> type) {
    Object store = type instanceof QueryableStoreTypes.WindowStoreType<?, ?>
        ? driver.getWindowStore(name)
        : driver.getKeyValueStore(name);
    return (T) store;
  }
}
