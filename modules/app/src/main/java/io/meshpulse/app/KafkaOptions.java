package io.meshpulse.app;

import io.meshpulse.schema.TopicSetup;
import io.meshpulse.schema.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Option;

/** How to reach Kafka and name the topics; shared by every command that talks to a cluster. */
final class KafkaOptions {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of meshpulse's topics (default ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = "--kafka", paramLabel = "KEY=VALUE",
      description = "Any Kafka client setting, passed through (repeatable), e.g. --kafka security.protocol=SSL.")
  Map<String, String> kafka = new LinkedHashMap<>();

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "A properties file of Kafka client settings.")
  Path kafkaConfig;

  @Option(names = "--partitions", defaultValue = "6",
      description = "Partitions of the topics meshpulse creates when missing (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", description = "Replication of created topics (default: min(3, brokers)).")
  Short replicationFactor;

  /** Options for a single broker this process started itself (the demo), with the default topic names. */
  static KafkaOptions local(String bootstrapServers, int partitions) {
    return local(bootstrapServers, Topics.DEFAULT_PREFIX, partitions);
  }

  /** Options for a single broker, with topics under {@code topicPrefix}. */
  static KafkaOptions local(String bootstrapServers, String topicPrefix, int partitions) {
    KafkaOptions options = new KafkaOptions();
    options.bootstrapServers = bootstrapServers;
    options.topicPrefix = topicPrefix;
    options.partitions = partitions;
    options.replicationFactor = 1;
    return options;
  }

  Topics topics() {
    return new Topics(topicPrefix);
  }

  /** Bootstrap servers, then the config file, then --kafka settings, each over the previous. */
  Properties clientProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (kafkaConfig != null) {
      try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
        props.load(reader);
      } catch (IOException e) {
        throw new IllegalArgumentException("--kafka-config: cannot read " + kafkaConfig + ": " + e.getMessage(), e);
      }
    }
    props.putAll(kafka);
    return props;
  }

  /** Creates meshpulse's topics where missing. */
  void ensureTopics() {
    try (Admin admin = Admin.create(clientProperties())) {
      short replication = replicationFactor != null ? replicationFactor : defaultReplication(admin);
      new TopicSetup(topics(), partitions, replication).ensure(admin, ADMIN_TIMEOUT);
    }
  }

  private static short defaultReplication(Admin admin) {
    try {
      int brokers = admin.describeCluster().nodes().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return (short) Math.max(1, Math.min(3, brokers));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka within " + ADMIN_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reaching Kafka", e);
    }
  }
}
