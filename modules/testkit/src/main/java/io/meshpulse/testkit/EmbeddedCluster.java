package io.meshpulse.testkit;

import io.meshpulse.embedded.EmbeddedKafka;

/** The in-JVM KRaft broker of {@code meshpulse-embedded}. */
final class EmbeddedCluster implements KafkaCluster, AutoCloseable {

  private final EmbeddedKafka kafka;

  private EmbeddedCluster(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  static EmbeddedCluster start() {
    return new EmbeddedCluster(EmbeddedKafka.start());
  }

  @Override
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String kind() {
    return KafkaClusters.EMBEDDED;
  }

  @Override
  public void close() {
    kafka.close();
  }

  @Override
  public String toString() {
    return "embedded Kafka at " + bootstrapServers();
  }
}
