package io.meshpulse.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MeshpulseKafka
class KafkaExtensionIT {

  private static KafkaCluster clusterOfBeforeAll;
  private TestNames namesOfBeforeEach;

  @BeforeAll
  static void rememberCluster(KafkaCluster cluster) {
    clusterOfBeforeAll = cluster;
  }

  @BeforeEach
  void rememberNames(TestNames names) {
    namesOfBeforeEach = names;
  }

  @Test
  void everyTestSharesOneCluster(KafkaCluster cluster) {
    assertSame(clusterOfBeforeAll, cluster);
    assertTrue(Set.of("embedded", "testcontainers").contains(cluster.kind()));
  }

  @Test
  void eachTestHasNamesOfItsOwn(TestNames names) {
    assertSame(namesOfBeforeEach, names);
    assertTrue(names.prefix().startsWith("it.KafkaExtensionIT.eachTestHasNamesOfItsOwn."), names.prefix());
    assertEquals(names.prefix() + "checks", names.topics().checks());
    assertNotEquals(names.prefix(), TestNames.of("KafkaExtensionIT", "eachTestHasNamesOfItsOwn", 0).prefix());
  }

  @Test
  void meshTopicsAreCreatedUnderTheTestsPrefix(KafkaCluster cluster, TestNames names) throws Exception {
    // When
    Topics topics = cluster.createTopics(names.topics(), 2);

    // Then
    try (Admin admin = cluster.admin()) {
      Set<String> existing = admin.listTopics().names().get();
      assertTrue(existing.containsAll(List.of(topics.agents(), topics.checks(), topics.transitions(), topics.stats())), existing.toString());
    }
  }

  @Test
  void producedRecordsAreReadUntilThePredicateHolds(KafkaCluster cluster, TestNames names) {
    // Given
    String topic = names.topic("greetings");
    cluster.createTopic(topic, 2);

    // When
    try (TestProducer<String, String> producer = cluster.producer(new StringSerializer(), new StringSerializer())) {
      producer.send(topic, "a", "hello");
      producer.send(topic, "b", "world");
    }

    // Then
    List<ConsumerRecord<String, String>> records = cluster.readUntil(
        topic, new StringDeserializer(), new StringDeserializer(), r -> r.size() == 2, Duration.ofSeconds(30));
    assertEquals(Set.of("hello", "world"), Set.copyOf(records.stream().map(ConsumerRecord::value).toList()));
  }

  @Test
  void recordsSentInOrderAreReadToTheEndInTheirOrder(KafkaCluster cluster, TestNames names) {
    // Given
    String topic = names.topic("counting");
    cluster.createTopic(topic, 1);
    List<Map.Entry<String, String>> numbers = IntStream.range(0, 500)
        .mapToObj(i -> Map.entry("k", Integer.toString(i))).toList();

    // When
    try (TestProducer<String, String> producer = cluster.producer(new StringSerializer(), new StringSerializer())) {
      producer.sendInOrder(topic, numbers);
    }

    // Then
    List<ConsumerRecord<String, String>> records = cluster.readToEnd(topic, new StringDeserializer(), new StringDeserializer());
    assertEquals(numbers.stream().map(Map.Entry::getValue).toList(), records.stream().map(ConsumerRecord::value).toList());
    assertEquals(Map.of(0, 500L), cluster.endOffsets(topic));
    assertEquals(Map.of(0, 0L), cluster.committedOffsets(names.groupId(), topic));
  }

  @Test
  void readerFailsWithWhatItReadWhenTheDeadlinePasses(KafkaCluster cluster, TestNames names) {
    // Given
    String topic = names.topic("empty");
    cluster.createTopic(topic, 1);

    // When
    AssertionError e = assertThrows(AssertionError.class, () -> cluster.readUntil(
        topic, new StringDeserializer(), new StringDeserializer(), r -> !r.isEmpty(), Duration.ofMillis(500)));

    // Then
    assertEquals("topic " + topic + ": condition not met within 500 ms; read 0 records", e.getMessage());
  }
}
