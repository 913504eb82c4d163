package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.MeshHealthSummary;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The health topology in a {@link TopologyTestDriver}, configured as {@link StreamsApp} configures
 * it, with a wall clock that moves only when a test moves it (the driver's and the timestamp
 * extractor's together).
 */
final class TopologyFixture implements AutoCloseable {

  /** The wall clock at the start of every test. */
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  final TopologyConfig config;
  /** The driver's state directory, deleted on close (the driver deletes only what is inside). */
  private final Path stateDir = createTempDir();
  final MutableClock clock = new MutableClock(T0);
  final TopologyTestDriver driver;
  final TestInputTopic<String, HealthCheckResult> checks;
  final TestInputTopic<String, AgentCard> agents;
  final TestInputTopic<byte[], byte[]> rawChecks;
  final TestOutputTopic<String, HealthTransition> transitions;
  final TestOutputTopic<String, AgentWindowStats> stats;
  final TestOutputTopic<byte[], byte[]> deadLetters;

  TopologyFixture() {
    this(TopologyConfig.defaults());
  }

  TopologyFixture(Map<String, String> overrides) {
    this(TopologyConfig.defaults().with(overrides));
  }

  TopologyFixture(TopologyConfig config) {
    this(config, Map.of());
  }

  /** @param kafka Kafka properties over those of {@link StreamsApp#streamsConfig} */
  TopologyFixture(TopologyConfig config, Map<String, String> kafka) {
    this.config = config;
    Map<String, String> passthrough = new HashMap<>(kafka);
    passthrough.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Properties props = StreamsApp.streamsConfig("meshpulse-test", "unused:9092", config, passthrough);
    this.driver = startDriver(config, props);
    Topics topics = config.topics();
    checks = driver.createInputTopic(topics.checks(), new StringSerializer(), MeshSerdes.checkResult().serializer());
    agents = driver.createInputTopic(topics.agents(), new StringSerializer(), MeshSerdes.agentCard().serializer());
    rawChecks = driver.createInputTopic(topics.checks(), new ByteArraySerializer(), new ByteArraySerializer());
    transitions = driver.createOutputTopic(topics.transitions(), new StringDeserializer(), MeshSerdes.transition().deserializer());
    stats = driver.createOutputTopic(topics.stats(), new StringDeserializer(), MeshSerdes.windowStats().deserializer());
    deadLetters = driver.createOutputTopic(topics.checksDeadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Pipes a check; the record's own timestamp is the check time too. */
  void pipe(HealthCheckResult check) {
    checks.pipeInput(check.getAgent(), check, check.getCheckedAt());
  }

  void check(String agent, AgentHealth health, Instant at) {
    pipe(Checks.check(agent, health, at));
  }

  void register(String agent, String... capabilities) {
    agents.pipeInput(agent, Checks.card(agent, capabilities), clock.instant());
  }

  void register(AgentCard card) {
    agents.pipeInput(card.getName(), card, clock.instant());
  }

  void deregister(String agent) {
    agents.pipeInput(agent, null, clock.instant());
  }

  /** Moves the wall clock of the driver (firing wall-clock punctuators) and of the extractor. */
  void advanceWallClock(Duration d) {
    clock.advance(d);
    driver.advanceWallClockTime(d);
  }

  AgentStatus status(String agent) {
    KeyValueStore<String, AgentStatus> store = driver.getKeyValueStore(StoreNames.AGENT_STATUS);
    return store.get(agent);
  }

  MeshHealthSummary summary() {
    KeyValueStore<String, ValueAndTimestamp<MeshHealthSummary>> store =
        driver.getTimestampedKeyValueStore(StoreNames.MESH_SUMMARY);
    return ValueAndTimestamp.getValueOrNull(store.get(StoreNames.MESH_SUMMARY_KEY));
  }

  WindowStore<String, ValueAndTimestamp<AgentWindowStats>> windowStats() {
    return driver.getTimestampedWindowStore(StoreNames.AGENT_WINDOW_STATS);
  }

  /** A metric of the admission step, e.g. {@code late-checks-total}. */
  double admissionMetric(String name) {
    return driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(AdmissionProcessor.METRIC_GROUP))
        .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among " + driver.metrics().keySet().stream()
            .map(MetricName::name).filter(n -> n.contains("checks")).toList()));
  }

  Path stateDir() {
    return stateDir;
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      deleteRecursively(stateDir);
    }
  }

  private TopologyTestDriver startDriver(TopologyConfig config, Properties props) {
    try {
      return new TopologyTestDriver(HealthTopology.build(config, clock), props, T0);
    } catch (RuntimeException e) {
      deleteRecursively(stateDir); // close() will not run for a fixture that was never built
      throw e;
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("meshpulse-streams-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
