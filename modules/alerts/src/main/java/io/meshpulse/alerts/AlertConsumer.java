package io.meshpulse.alerts;

import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.serde.AvroSerde;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the transitions topic (committed transactions only) and hands each transition to the
 * sinks, once per id. Offsets are committed after the sinks have the batch: a crash repeats
 * at most a batch, and repeats are dropped by id. A record that cannot be read is logged and
 * skipped, never blocking the alerts behind it.
 */
public final class AlertConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumer.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<AlertSink> sinks;
  private final AvroSerde<HealthTransition> serde = MeshSerdes.transition();
  private final RecentIds recent = new RecentIds(10_000);
  private final Thread poller;
  private volatile boolean running = true;

  public AlertConsumer(String topic, Properties clientProperties, List<AlertSink> sinks) {
    Properties props = new Properties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "meshpulse-alerts");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.consumer.subscribe(List.of(topic));
    this.sinks = List.copyOf(sinks);
    this.poller = new Thread(this::pollUntilClosed, "meshpulse-alerts");
    this.poller.start();
  }

  private void pollUntilClosed() {
    try {
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        records.forEach(this::deliver);
        if (!records.isEmpty()) {
          consumer.commitSync();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("alert consumer stopped: {}", e.getMessage(), e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    HealthTransition transition;
    try {
      transition = serde.decode(record.value());
    } catch (SerializationException e) {
      LOG.warn("skipping unreadable transition at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      return;
    }
    if (transition != null && recent.firstTime(transition.getId())) {
      sinks.forEach(sink -> sink.send(transition));
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
