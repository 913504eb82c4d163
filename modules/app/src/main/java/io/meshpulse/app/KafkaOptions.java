package io.meshpulse.app;

import io.meshpulse.schema.TopicSetup;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import io.meshpulse.schema.config.TextFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** How to reach Kafka and name the topics; shared by every command that talks to a cluster. */
final class KafkaOptions {

  private static final String DEFAULT_KAFKA_TIMEOUT = "30s";
  /** Longer than any broker restart; past it, waiting is not what the user wants. */
  private static final Duration MAX_KAFKA_TIMEOUT = Duration.ofMinutes(10);

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

  @Option(names = "--kafka-timeout", defaultValue = DEFAULT_KAFKA_TIMEOUT,
      description = "How long to wait for Kafka at start before giving up (default ${DEFAULT-VALUE}).")
  String kafkaTimeout;

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
    options.kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;
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
      try {
        props.load(new StringReader(TextFiles.read(kafkaConfig)));
      } catch (ConfigException e) {
        throw new ConfigException("--kafka-config", e.getMessage());
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("--kafka-config", kafkaConfig + ": not a properties file: " + e.getMessage());
      }
    }
    props.putAll(kafka);
    return props;
  }

  /** Checks the options that are read later (the wait, the client settings, the bootstrap servers), before anything starts. */
  void validate() {
    kafkaTimeout();
    checkedClientProperties();
  }

  /** {@link #clientProperties()}, with the bootstrap servers checked as the clients will read them, naming where they were set. */
  private Properties checkedClientProperties() {
    Properties props = clientProperties();
    String servers = props.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    String option = kafka.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) ? "--kafka bootstrap.servers"
        : bootstrapServers.equals(servers) ? "--bootstrap-servers" : "--kafka-config bootstrap.servers";
    BootstrapServers.requireResolvable(option, servers);
    return props;
  }

  /** How long a command waits for Kafka at start: {@code --kafka-timeout}. */
  Duration kafkaTimeout() {
    return Durations.parsePositive("--kafka-timeout", kafkaTimeout, MAX_KAFKA_TIMEOUT);
  }

  /**
   * Waits for Kafka, then creates meshpulse's topics where missing.
   *
   * @throws KafkaUnavailableException when Kafka does not answer within {@code --kafka-timeout}
   */
  void ensureTopics() {
    Duration wait = kafkaTimeout();
    try (KafkaCheck kafka = KafkaCheck.connect(checkedClientProperties(), wait)) {
      int brokers = kafka.awaitBrokers();
      short replication = replicationFactor != null ? replicationFactor : (short) Math.max(1, Math.min(3, brokers));
      kafka.use(admin -> new TopicSetup(topics(), partitions, replication).ensure(admin, wait));
    }
  }

  /**
   * Waits for Kafka to answer, without creating anything.
   *
   * @throws KafkaUnavailableException when it does not answer within {@code --kafka-timeout}
   */
  void awaitReachable() {
    try (KafkaCheck kafka = KafkaCheck.connect(checkedClientProperties(), kafkaTimeout())) {
      kafka.awaitBrokers();
    }
  }
}
