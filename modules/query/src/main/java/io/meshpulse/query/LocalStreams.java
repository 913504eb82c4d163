package io.meshpulse.query;

import java.util.Collection;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * What the queries ask of this instance's Kafka Streams: its state, which instances there are and
 * which one owns a key, and its local stores. {@link #of} is the running application; tests answer
 * from a TopologyTestDriver's stores.
 */
interface LocalStreams {

  KafkaStreams.State state();

  /** Every instance of the application; empty when Streams does not know them (yet). */
  Collection<StreamsMetadata> instances();

  /** The instance owning {@code key} of {@code store}; null or {@link KeyQueryMetadata#NOT_AVAILABLE} if unknown. */
  KeyQueryMetadata owner(String store, String key);

  /** @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store cannot be queried */
  <T> T store(String name, QueryableStoreType<T> type);

  static LocalStreams of(KafkaStreams streams) {
    return new LocalStreams() {
      @Override
      public KafkaStreams.State state() {
        return streams.state();
      }

      @Override
      public Collection<StreamsMetadata> instances() {
        return streams.metadataForAllStreamsClients();
      }

      @Override
      public KeyQueryMetadata owner(String store, String key) {
        return streams.queryMetadataForKey(store, key, Serdes.String().serializer());
      }

      @Override
      public <T> T store(String name, QueryableStoreType<T> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, type));
      }
    };
  }
}
