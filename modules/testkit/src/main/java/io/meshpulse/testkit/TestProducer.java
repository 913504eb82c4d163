package io.meshpulse.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/** A producer for tests: each send waits for the broker's acknowledgement, so the record is there when it returns. */
public final class TestProducer<K, V> implements AutoCloseable {

  private final KafkaProducer<K, V> producer;

  TestProducer(Map<String, Object> clientConfig, Serializer<K> keys, Serializer<V> values) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaCluster.TIMEOUT.toMillis());
    this.producer = new KafkaProducer<>(config, keys, values);
  }

  /** Sends and waits; a {@code null} value is a tombstone. */
  public RecordMetadata send(String topic, K key, V value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(KafkaCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
