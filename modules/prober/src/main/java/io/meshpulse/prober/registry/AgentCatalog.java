package io.meshpulse.prober.registry;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.serde.MeshSerdes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes registrations and tombstones to the compacted agents topic. */
public final class AgentCatalog implements AutoCloseable {

  private final String topic;
  private final KafkaProducer<String, AgentCard> producer;

  public AgentCatalog(String topic, Properties clientProperties) {
    Properties props = new Properties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // a registration either lands soon or the caller hears why
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.putAll(clientProperties);
    this.topic = topic;
    this.producer = new KafkaProducer<>(props, new StringSerializer(), MeshSerdes.agentCard().serializer());
  }

  /** Registers or updates each agent; returns once the broker has them all. */
  public void register(Collection<AgentCard> agents) {
    awaitAll(agents.stream().map(card -> send(card.getName(), card)).toList());
  }

  /** Deregisters each named agent; returns once the broker has the tombstones. */
  public void deregister(Collection<String> names) {
    awaitAll(names.stream().map(name -> send(name, null)).toList());
  }

  private Future<RecordMetadata> send(String name, AgentCard card) {
    return producer.send(new ProducerRecord<>(topic, name, card));
  }

  private void awaitAll(List<Future<RecordMetadata>> sends) {
    producer.flush();
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing to " + topic, e);
      }
    }
  }

  /** Closes to the end even on an interrupted thread (the producer would abandon the close and log an error). */
  @Override
  public void close() {
    boolean interrupted = Thread.interrupted();
    producer.close(Duration.ofSeconds(10));
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
