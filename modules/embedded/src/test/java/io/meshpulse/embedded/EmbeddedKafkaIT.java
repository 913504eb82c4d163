package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void producedRecordIsConsumed() throws Exception {
    // Given
    createTopic("plain");

    // When
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>("plain", "agent-1", "ok")).get(30, TimeUnit.SECONDS);
    }

    // Then
    List<ConsumerRecord<String, String>> records = readAll("plain", 1, "read_uncommitted");
    assertEquals("agent-1", records.get(0).key());
    assertEquals("ok", records.get(0).value());
  }

  @Test
  void transactionalProducerCommits() throws Exception {
    // Given
    createTopic("transactional");

    // When
    try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-it-tx"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("transactional", "agent-1", "one"));
      producer.send(new ProducerRecord<>("transactional", "agent-2", "two"));
      producer.commitTransaction();
    }

    // Then
    List<ConsumerRecord<String, String>> records = readAll("transactional", 2, "read_committed");
    assertEquals(List.of("one", "two"), records.stream().map(ConsumerRecord::value).toList());
  }

  @Test
  void restartKeepsAddressAndData() throws Exception {
    // Given
    createTopic("durable");
    String address = kafka.bootstrapServers();
    try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000))) {
      producer.send(new ProducerRecord<>("durable", "agent-1", "before")).get(30, TimeUnit.SECONDS);

      // When
      kafka.stop();
      assertFalse(kafka.isRunning());
      kafka.restart();

      // Then: the same client reconnects to the same address
      producer.send(new ProducerRecord<>("durable", "agent-1", "after")).get(60, TimeUnit.SECONDS);
    }
    assertEquals(address, kafka.bootstrapServers());
    assertEquals(List.of("before", "after"), readAll("durable", 2, "read_uncommitted").stream().map(ConsumerRecord::value).toList());
  }

  @Test
  void secondBrokerOnTheDataDirectoryOfARunningOneFailsBeforeStarting() throws Exception {
    // When
    DataDirInUseException e = assertThrows(DataDirInUseException.class,
        () -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(kafka.dataDir())));

    // Then the running broker and its data are untouched
    assertEquals(kafka.dataDir(), e.dataDir());
    createTopic("after-second-start");
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>("after-second-start", "agent-1", "ok")).get(30, TimeUnit.SECONDS);
    }
    assertEquals(List.of("ok"), readAll("after-second-start", 1, "read_uncommitted").stream().map(ConsumerRecord::value).toList());
  }

  private static void createTopic(String name) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = new java.util.HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Reads the single partition of {@code topic} from the start until {@code count} records arrived or the deadline passed. */
  private static List<ConsumerRecord<String, String>> readAll(String topic, int count, String isolation) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertTrue(records.size() >= count, "expected " + count + " records on " + topic + " within " + DEADLINE + ", got " + records.size());
    return records;
  }
}
