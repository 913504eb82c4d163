package io.meshpulse.prober.registry;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.SafeUrls;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents from the compacted agents topic, shared among prober instances through a consumer
 * group: each instance checks the agents of the partitions it owns. On assignment it reads its
 * partitions from the beginning (the compacted topic is the whole registry; offsets are never
 * committed), and it drops the agents of partitions it loses. When an instance stops, the group
 * hands its partitions to the others: at once on a clean stop, within the session timeout on a
 * crash. Registrations and tombstones take effect on the next round.
 */
public final class TopicAgentRegistry implements AgentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAgentRegistry.class);

  private final KafkaConsumer<String, AgentCard> consumer;
  private final Map<TopicPartition, Map<String, AgentCard>> byPartition = new ConcurrentHashMap<>();
  private final Thread poller;
  private final CountDownLatch loaded = new CountDownLatch(1);
  /** End offsets of newly assigned partitions, until this instance has read up to them. */
  private final Map<TopicPartition, Long> catchingUp = new ConcurrentHashMap<>();
  private volatile boolean assigned;
  private volatile boolean running = true;

  /**
   * @param clientProperties bootstrap servers, group id and any other consumer settings
   */
  public TopicAgentRegistry(String topic, Properties clientProperties) {
    Properties props = new Properties();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), MeshSerdes.agentCard().deserializer());
    this.consumer.subscribe(List.of(topic), new Rebalance());
    this.poller = new Thread(this::pollUntilClosed, "meshpulse-registry");
    this.poller.setDaemon(true);
    this.poller.start();
  }

  @Override
  public List<AgentCard> agents() {
    return byPartition.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  /**
   * Waits until this instance has its partitions (maybe none) and has read them to the end, so
   * the first round checks the whole registry rather than what was read so far.
   */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

  private void pollUntilClosed() {
    try {
      while (running) {
        for (ConsumerRecord<String, AgentCard> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        noteCaughtUp();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("agents registry stopped reading {}: {}", consumer.subscription(), e.getMessage(), e);
    } finally {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void noteCaughtUp() {
    catchingUp.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    if (assigned && catchingUp.isEmpty() && loaded.getCount() > 0) {
      LOG.info("prober read its {} agents from {}", agents().size(), consumer.subscription());
      loaded.countDown();
    }
  }

  private void apply(ConsumerRecord<String, AgentCard> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Map<String, AgentCard> agents = byPartition.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
    if (record.value() == null) {
      if (agents.remove(record.key()) != null) {
        LOG.info("agent {} deregistered", record.key());
      }
    } else if (!record.value().equals(agents.put(record.key(), record.value()))) {
      LOG.debug("agent {} registered at {}", record.key(), SafeUrls.redact(record.value().getUrl()));
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> byPartition.put(p, new ConcurrentHashMap<>()));
      consumer.seekToBeginning(partitions);
      catchingUp.putAll(consumer.endOffsets(partitions));
      assigned = true;
      LOG.info("prober now owns agent partitions {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      partitions.forEach(p -> {
        byPartition.remove(p);
        catchingUp.remove(p);
      });
      if (!partitions.isEmpty()) {
        LOG.info("prober gave up agent partitions {}", partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }
}
