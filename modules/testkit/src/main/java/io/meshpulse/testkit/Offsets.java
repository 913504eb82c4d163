package io.meshpulse.testkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** End and committed offsets of a topic, by partition number, through the Admin client. */
final class Offsets {

  private Offsets() {}

  static Map<Integer, Long> ends(KafkaCluster cluster, String topic) {
    try (Admin admin = cluster.admin()) {
      Map<TopicPartition, OffsetSpec> latest = partitions(admin, topic).stream()
          .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
      return Await.result(admin.listOffsets(latest).all(), "read the end offsets of " + topic).entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset(), (a, b) -> a, TreeMap::new));
    }
  }

  static Map<Integer, Long> committed(KafkaCluster cluster, String groupId, String topic) {
    try (Admin admin = cluster.admin()) {
      Map<Integer, Long> offsets = new TreeMap<>();
      partitions(admin, topic).forEach(p -> offsets.put(p.partition(), 0L));
      // not requireStable: offsets of a transaction still open (or of a killed producer) are not waited for
      Map<TopicPartition, OffsetAndMetadata> committed = Await.result(admin.listConsumerGroupOffsets(groupId)
          .partitionsToOffsetAndMetadata(), "read the offsets of group " + groupId);
      committed.forEach((p, offset) -> {
        if (p.topic().equals(topic) && offset != null) {
          offsets.put(p.partition(), offset.offset());
        }
      });
      return offsets;
    }
  }

  private static List<TopicPartition> partitions(Admin admin, String topic) {
    return Await.result(admin.describeTopics(List.of(topic)).allTopicNames(), "read the partitions of " + topic)
        .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }
}
