package io.meshpulse.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (a Streams application) has committed on a topic, through the Admin client. */
final class GroupProgress implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final String topic;

  GroupProgress(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(props);
    this.topic = topic;
  }

  /** Records on the topic: the sum of its partitions' end offsets. */
  long records() {
    Map<TopicPartition, OffsetSpec> latest = get(admin.describeTopics(java.util.List.of(topic)).allTopicNames())
        .get(topic).partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return get(admin.listOffsets(latest).all()).values().stream().mapToLong(o -> o.offset()).sum();
  }

  /** Offsets {@code group} has committed on the topic, summed over its partitions. */
  long committed(String group) {
    Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  @Override
  public void close() {
    admin.close();
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer: " + e.getMessage(), e);
    }
  }
}
