package io.meshpulse.testkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** End and committed offsets of a topic, by partition number, through the Admin client. */
final class Offsets {

  private Offsets() {}

  static Map<Integer, Long> ends(KafkaCluster cluster, String topic) {
    try (Admin admin = cluster.admin()) {
      Map<TopicPartition, OffsetSpec> latest = partitions(admin, topic).stream()
          .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
      return get(admin.listOffsets(latest).all(), "end offsets of " + topic).entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset(), (a, b) -> a, TreeMap::new));
    }
  }

  static Map<Integer, Long> committed(KafkaCluster cluster, String groupId, String topic) {
    try (Admin admin = cluster.admin()) {
      Map<Integer, Long> offsets = new TreeMap<>();
      partitions(admin, topic).forEach(p -> offsets.put(p.partition(), 0L));
      // not requireStable: offsets of a transaction still open (or of a killed producer) are not waited for
      Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata(), "offsets of group " + groupId);
      committed.forEach((p, offset) -> {
        if (p.topic().equals(topic) && offset != null) {
          offsets.put(p.partition(), offset.offset());
        }
      });
      return offsets;
    }
  }

  private static List<TopicPartition> partitions(Admin admin, String topic) {
    return get(admin.describeTopics(List.of(topic)).allTopicNames(), "partitions of " + topic)
        .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(KafkaCluster.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the " + what + ": " + e.getMessage(), e);
    }
  }
}
