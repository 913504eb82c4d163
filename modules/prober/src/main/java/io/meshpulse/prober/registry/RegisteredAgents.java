package io.meshpulse.prober.registry;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Which agents the agents topic holds right now: the compacted topic read from the beginning to
 * its end, without a consumer group, the latest record per name deciding (a tombstone removes).
 */
public final class RegisteredAgents {

  private static final Duration POLL = Duration.ofMillis(200);

  private RegisteredAgents() {}

  /**
   * @return the registered names; none when the topic does not exist
   * @throws TimeoutException when the topic cannot be read to its end within {@code timeout}
   */
  public static Set<String> names(String topic, Properties clientProperties, Duration timeout) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // asking about a missing topic must not create it
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // values are only told apart from tombstones: raw bytes, so an unreadable card still counts
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
      if (partitions == null || partitions.isEmpty()) {
        return Set.of();
      }
      List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      return readToEnd(consumer, consumer.endOffsets(assigned, timeout), System.nanoTime() + timeout.toNanos());
    }
  }

  private static Set<String> readToEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends,
      long deadlineNanos) {
    Set<String> names = new HashSet<>();
    while (!caughtUp(consumer, ends)) {
      if (System.nanoTime() > deadlineNanos) {
        throw new TimeoutException("agents topic not read to its end in time");
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        if (record.value() == null) {
          names.remove(record.key());
        } else {
          names.add(record.key());
        }
      }
    }
    return names;
  }

  private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
