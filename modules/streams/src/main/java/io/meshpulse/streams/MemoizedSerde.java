package io.meshpulse.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A serde whose deserializer returns the same object for the same bytes, for values read far
 * more often than they change: an agent's card is read on every check and changes when the agent
 * is re-registered. Decoding it each time was about 6 % of the stream thread's work. The objects
 * are shared between readers, which must not modify them. Past {@code maxEntries} the memory is
 * dropped and fills again.
 */
final class MemoizedSerde<T> implements Serde<T> {

  private final Serde<T> inner;
  private final int maxEntries;
  private final Map<Bytes, T> decoded = new ConcurrentHashMap<>();

  MemoizedSerde(Serde<T> inner, int maxEntries) {
    this.inner = inner;
    this.maxEntries = maxEntries;
  }

  @Override
  public Serializer<T> serializer() {
    return inner.serializer();
  }

  @Override
  public Deserializer<T> deserializer() {
    Deserializer<T> decoder = inner.deserializer();
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (decoded.size() >= maxEntries) {
        decoded.clear();
      }
      return decoded.computeIfAbsent(Bytes.wrap(bytes), key -> decoder.deserialize(topic, key.get()));
    };
  }
}
