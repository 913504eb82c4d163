package io.meshpulse.bench;

import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The baseline: a plain consumer that reads the checks topic from the beginning and deserializes
 * every check (settings as Kafka Streams' consumer has them under exactly-once), and nothing else.
 */
final class ConsumerBaseline {

  private ConsumerBaseline() {}

  /** Checks per second read and deserialized, over {@code expected} records. */
  static double checksPerSecond(String bootstrapServers, String topic, long expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    try (KafkaConsumer<String, HealthCheckResult> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), MeshSerdes.checkResult().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long read = 0;
      double responseTimes = 0; // uses every value, so none of the work can be skipped
      while (read < expected) {
        for (ConsumerRecord<String, HealthCheckResult> record : consumer.poll(Duration.ofMillis(100))) {
          responseTimes += record.value().getResponseTimeMs();
          read++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!(responseTimes > 0)) {
        throw new IllegalStateException("read " + read + " checks without a response time");
      }
      return read / seconds;
    }
  }
}
