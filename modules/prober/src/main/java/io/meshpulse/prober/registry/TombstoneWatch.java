package io.meshpulse.prober.registry;

import io.meshpulse.prober.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells of each tombstone written to the agents topic from now on: every partition, from its end,
 * no consumer group (nothing to share and nothing to commit). Values are not decoded; only their
 * absence matters. A broker that is away only delays the news; the consumer reconnects.
 */
final class TombstoneWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TombstoneWatch.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<String> onTombstone;
  private final Thread poller;
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean running = true;

  TombstoneWatch(String topic, Properties clientProperties, Consumer<String> onTombstone) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "meshpulse-tombstones");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.onTombstone = onTombstone;
    this.poller = DaemonThreads.named("meshpulse-tombstones").newThread(this::pollUntilClosed);
    this.poller.start();
  }

  private void pollUntilClosed() {
    try {
      assignFromEnd();
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (record.value() == null && record.key() != null) {
            onTombstone.accept(record.key());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.warn("stopped watching {} for deregistrations: {}", topic, e.getMessage());
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Every partition of the topic, from its end: what was deregistered before this prober started is not news. */
  private void assignFromEnd() {
    List<TopicPartition> partitions = partitions();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve "end" now, before any tombstone of ours could land
  }

  /** The topic's partitions, asking again while the broker does not answer or does not know the topic yet. */
  private List<TopicPartition> partitions() {
    while (running) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, ASK_TIMEOUT);
        if (!infos.isEmpty()) {
          return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        }
        pause();
      } catch (TimeoutException e) {
        LOG.debug("no answer yet about {}'s partitions; asking again", topic);
      }
    }
    throw new WakeupException();
  }

  /** Waits a poll's length before asking again; ends early when closed. */
  private void pause() {
    try {
      closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WakeupException();
    }
  }

  @Override
  public void close() {
    running = false;
    closed.countDown();
    consumer.wakeup();
    try {
      poller.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
