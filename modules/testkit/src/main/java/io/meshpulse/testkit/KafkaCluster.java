package io.meshpulse.testkit;

import io.meshpulse.schema.TopicSetup;
import io.meshpulse.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka cluster of a test JVM, shared by every test class: an in-JVM broker or a container,
 * the same to the test. Resolved as a parameter by {@link KafkaExtension}; do not close it.
 */
public interface KafkaCluster {

  /** How long helpers wait for the broker before failing the test. */
  Duration TIMEOUT = Duration.ofSeconds(30);

  String bootstrapServers();

  /** {@code embedded} or {@code testcontainers}. */
  String kind();

  /** Client settings every client needs: the bootstrap servers. Add your own on top. */
  default Map<String, Object> clientConfig() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  default Admin admin() {
    return Admin.create(clientConfig());
  }

  /** Creates meshpulse's topics under {@code topics}' prefix, replication 1, and returns {@code topics}. */
  default Topics createTopics(Topics topics, int partitions) {
    try (Admin admin = admin()) {
      new TopicSetup(topics, partitions, (short) 1).ensure(admin, TIMEOUT);
    }
    return topics;
  }

  /** Creates one topic, replication 1. */
  default void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers() + ": " + e.getMessage(), e);
    }
  }

  /** A producer that sends synchronously; close it. */
  default <K, V> TestProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
    return new TestProducer<>(clientConfig(), keys, values);
  }

  /**
   * Reads {@code topic} from the beginning (committed records only) until {@code done} holds for what was
   * read, and returns it all; fails the test with what was read when {@code timeout} passes first.
   */
  default <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys, Deserializer<V> values,
      Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
    return TopicReader.readUntil(clientConfig(), topic, keys, values, done, timeout);
  }

  /** Every committed record of {@code topic}, from the beginning to its end as it stands now. */
  default <K, V> List<ConsumerRecord<K, V>> readToEnd(String topic, Deserializer<K> keys, Deserializer<V> values) {
    return TopicReader.readToEnd(clientConfig(), topic, keys, values, TIMEOUT);
  }

  /** The end offset of each partition of {@code topic}, by partition number. */
  default Map<Integer, Long> endOffsets(String topic) {
    return Offsets.ends(this, topic);
  }

  /** The offsets consumer group {@code groupId} has committed on {@code topic}, by partition (0 where none). */
  default Map<Integer, Long> committedOffsets(String groupId, String topic) {
    return Offsets.committed(this, groupId, topic);
  }
}
