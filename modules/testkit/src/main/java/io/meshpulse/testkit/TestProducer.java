package io.meshpulse.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
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
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KafkaCluster.TIMEOUT.toMillis());
    this.producer = new KafkaProducer<>(config, keys, values);
  }

  /** Sends and waits; a {@code null} value is a tombstone. */
  public RecordMetadata send(String topic, K key, V value) {
    return Await.result(producer.send(new ProducerRecord<>(topic, key, value)), "send to " + topic);
  }

  /**
   * Sends all records in their order without waiting for each, then waits for every acknowledgement;
   * the producer is idempotent, so records of one partition land in the order given even with retries.
   */
  public void sendInOrder(String topic, List<Map.Entry<K, V>> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    records.forEach(r -> sent.add(producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()))));
    for (Future<RecordMetadata> ack : sent) {
      Await.result(ack, "send to " + topic);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
