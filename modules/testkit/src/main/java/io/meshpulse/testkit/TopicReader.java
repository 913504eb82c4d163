package io.meshpulse.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a whole topic without a consumer group (no rebalance to wait for), until a condition holds. */
final class TopicReader {

  private static final Duration POLL = Duration.ofMillis(100);

  private TopicReader() {}

  static <K, V> List<ConsumerRecord<K, V>> readUntil(Map<String, Object> clientConfig, String topic,
      Deserializer<K> keys, Deserializer<V> values, Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readCommitted(clientConfig), keys, values)) {
      consumer.assign(partitions(consumer, topic, deadline));
      while (!done.test(records)) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("topic " + topic + ": condition not met within " + timeout.toMillis() + " ms; read "
              + records.size() + " records" + sample(records));
        }
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  /**
   * Every committed record of {@code topic} up to its end as it stands when called (the last stable
   * offset of each partition: an open transaction's records are not waited for).
   */
  static <K, V> List<ConsumerRecord<K, V>> readToEnd(Map<String, Object> clientConfig, String topic,
      Deserializer<K> keys, Deserializer<V> values, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(readCommitted(clientConfig), keys, values)) {
      List<TopicPartition> partitions = partitions(consumer, topic, deadline);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("topic " + topic + ": not read to its end " + ends + " within " + timeout.toMillis()
              + " ms; read " + records.size() + " records");
        }
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  private static Map<String, Object> readCommitted(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (!infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("topic " + topic + " has no partitions (does it exist?)");
      }
    }
  }

  private static String sample(List<? extends ConsumerRecord<?, ?>> records) {
    if (records.isEmpty()) {
      return "";
    }
    return ", the last: key=" + records.get(records.size() - 1).key() + " value=" + records.get(records.size() - 1).value();
  }
}
