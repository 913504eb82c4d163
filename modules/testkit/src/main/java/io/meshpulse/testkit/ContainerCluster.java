package io.meshpulse.testkit;

import java.util.Locale;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;

/** A single-node Kafka in a container, where a Docker engine answers. */
final class ContainerCluster implements KafkaCluster, AutoCloseable {

  /** The same single-broker settings as the embedded broker's, as the image's environment. */
  private static final Map<String, String> SINGLE_BROKER = Map.of(
      "offsets.topic.replication.factor", "1",
      "transaction.state.log.replication.factor", "1",
      "transaction.state.log.min.isr", "1",
      "share.coordinator.state.topic.replication.factor", "1",
      "share.coordinator.state.topic.min.isr", "1",
      "group.initial.rebalance.delay.ms", "0",
      "offsets.topic.num.partitions", "1",
      "transaction.state.log.num.partitions", "1",
      "auto.create.topics.enable", "false");

  private final KafkaContainer container;

  private ContainerCluster(KafkaContainer container) {
    this.container = container;
  }

  static ContainerCluster start(String image) {
    KafkaContainer container = new KafkaContainer(image);
    SINGLE_BROKER.forEach((key, value) -> container.withEnv(environmentName(key), value));
    container.start();
    return new ContainerCluster(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String kind() {
    return KafkaClusters.TESTCONTAINERS;
  }

  @Override
  public void close() {
    container.stop();
  }

  @Override
  public String toString() {
    return "Kafka container " + container.getDockerImageName() + " at " + bootstrapServers();
  }

  /** {@code offsets.topic.replication.factor} → {@code KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR}. */
  static String environmentName(String brokerProperty) {
    return "KAFKA_" + brokerProperty.toUpperCase(Locale.ROOT).replace('.', '_');
  }
}
