package io.meshpulse.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.app.reference.CheckFeed;
import io.meshpulse.app.reference.Differences;
import io.meshpulse.app.reference.Figures;
import io.meshpulse.app.reference.RawCheck;
import io.meshpulse.app.reference.ReferenceModel;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.TestNames;
import io.meshpulse.testkit.TestProducer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reference tests' shared ground: a seeded feed of checks for 12 agents on a 3-partition mesh,
 * the topology settings the Streams application runs with (10 s windows hopping by 5 s, 5 s grace),
 * and the comparison of what the application holds with {@link ReferenceModel}'s recomputation from
 * the raw checks topic.
 */
final class ReferenceScenario {

  static final int PARTITIONS = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Map<String, String> TOPOLOGY = Map.of(
      TopologyConfig.WINDOW_SIZE, "10s",
      TopologyConfig.WINDOW_ADVANCE, "5s",
      TopologyConfig.WINDOW_GRACE, "5s",
      // no agent turns UNKNOWN by the wall clock while the test runs
      TopologyConfig.DEFAULT_INTERVAL, "1h");
  /**
   * Closed windows are looked for on every check, not at most once a wall-clock second (a Kafka
   * Streams internal setting): the feed arrives in bursts, so with the throttle the last windows to
   * close would wait for a check that never comes.
   */
  private static final Map<String, String> KAFKA = Map.of("__emit.interval.ms.kstreams.windowed.aggregation__", "0");

  private final KafkaCluster cluster;
  private final TestNames names;
  private final TopologyConfig topology;
  private final CheckFeed feed;

  ReferenceScenario(KafkaCluster cluster, TestNames names) {
    this.cluster = cluster;
    this.names = names;
    Map<String, String> settings = new LinkedHashMap<>(TOPOLOGY);
    settings.put(TopologyConfig.TOPICS_PREFIX, names.prefix());
    this.topology = TopologyConfig.fromMap(settings);
    Instant now = Instant.now();
    this.feed = CheckFeed.generate(20301, 12, 60, now.minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES), now);
    KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), PARTITIONS).ensureTopics();
  }

  CheckFeed feed() {
    return feed;
  }

  Topics topics() {
    return names.topics();
  }

  /** The Streams application and its query API in this JVM, as {@code meshpulse streams} runs them. */
  QueryService startInProcess(Path stateDir) {
    return QueryService.startOnLoopback(names.applicationId(), cluster.bootstrapServers(), topology, KAFKA, stateDir);
  }

  /** {@code meshpulse streams} options for the same application, plus {@code extraKafka} settings. */
  List<String> streamsArguments(Path stateDir, int port, Map<String, String> extraKafka) {
    List<String> args = new ArrayList<>(List.of("streams", "--bootstrap-servers", cluster.bootstrapServers(),
        "--topic-prefix", names.prefix(), "--application-id", names.applicationId(), "--state-dir", stateDir.toString(),
        "--bind", "127.0.0.1", "--port", Integer.toString(port), "--advertise", "127.0.0.1:" + port));
    TOPOLOGY.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    Map<String, String> kafka = new TreeMap<>(KAFKA);
    kafka.putAll(extraKafka);
    kafka.forEach((key, value) -> args.addAll(List.of("--kafka", key + "=" + value)));
    return args;
  }

  /** Registers the agents and waits until the application counts them, so every check finds its card. */
  void registerAgents(Api api) {
    try (TestProducer<String, AgentCard> producer = cluster.producer(new StringSerializer(),
        MeshSerdes.agentCard().serializer())) {
      producer.sendInOrder(topics().agents(), feed.cards().stream().map(c -> Map.entry(c.getName(), c)).toList());
    }
    // a process of its own may not listen yet
    await().atMost(DEADLINE).ignoreExceptionsInstanceOf(UncheckedIOException.class).until(() -> api.get("/api/mesh/health"),
        a -> a.ok() && a.body().path("total_count").asInt() == feed.cards().size());
  }

  void produce(List<Map.Entry<String, byte[]>> records) {
    try (TestProducer<String, byte[]> producer = cluster.producer(new StringSerializer(), new ByteArraySerializer())) {
      producer.sendInOrder(topics().checks(), records);
    }
  }

  /** Offsets the application has committed on the checks topic, in total. */
  long committedChecks() {
    return cluster.committedOffsets(names.applicationId(), topics().checks()).values().stream().mapToLong(x -> x).sum();
  }

  /** Records on the output topics (stats, transitions, dead letters), committed or not. */
  long outputRecords() {
    return List.of(topics().stats(), topics().transitions(), topics().checksDeadLetter()).stream()
        .flatMap(topic -> cluster.endOffsets(topic).values().stream()).mapToLong(x -> x).sum();
  }

  /** Waits until the application has committed every check on the topic, and so all it wrote for them. */
  void awaitAllChecksConsumed() {
    Map<Integer, Long> ends = cluster.endOffsets(topics().checks());
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> cluster.committedOffsets(names.applicationId(), topics().checks()), ends::equals);
  }

  /** What the application holds equals the reference recomputed from the raw checks topic. */
  void assertEqualsTheReference(Api api) {
    ReferenceModel.Expected expected = ReferenceModel.recompute(RawCheck.decode(cluster.readToEnd(topics().checks(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())), feed.cards(), topology, Instant.now());
    assertTheFeedCoversEveryRule(expected);
    Differences differences = new Differences(topology.sketchRelativeAccuracy());
    StoreReadings.Agents agents = StoreReadings.agents(api, expected.statuses().keySet());
    differences.statuses(expected.statuses(), agents.statuses());
    differences.windows("window store", expected.windows(), agents.windows());
    differences.windows("stats topic", closedOnly(expected), StoreReadings.statsTopic(cluster, topics()));
    differences.transitions(expected.transitions(), StoreReadings.transitionsTopic(cluster, topics()));
    differences.deadLetters(expected.deadLetters(), StoreReadings.deadLetterTopic(cluster, topics()));
    differences.assertNone();
    // the mesh summary is one repartition topic further on: it may lag the stores above for a moment
    await().atMost(DEADLINE).untilAsserted(() -> {
      Differences mesh = new Differences(topology.sketchRelativeAccuracy());
      Map<String, Figures.Counts> counts = StoreReadings.meshCounts(api);
      mesh.counts("overall", expected.overall(), counts.get(""));
      expected.byCapability().forEach((capability, c) -> mesh.counts(capability, c, counts.get(capability)));
      mesh.assertNone();
    });
  }

  /** The comparison means something only if the feed has each case in it. */
  private static void assertTheFeedCoversEveryRule(ReferenceModel.Expected expected) {
    Map<String, Long> reasons = expected.deadLetters().stream()
        .collect(Collectors.groupingBy(Figures.DeadLetter::reason, TreeMap::new, Collectors.counting()));
    assertEquals(List.of("future-timestamp", "invalid-key", "late", "undeserializable"), List.copyOf(reasons.keySet()),
        reasons.toString());
    assertTrue(expected.admittedOutOfOrder() > 0, "no check arrived out of order within grace");
    assertTrue(expected.transitions().stream().anyMatch(t -> t.to() == AgentHealth.DEGRADED), "no DEGRADED transition");
    assertTrue(expected.closed().size() > expected.windows().size() / 2, "too few closed windows");
  }

  private static Map<Figures.WindowKey, Figures.Window> closedOnly(ReferenceModel.Expected expected) {
    Map<Figures.WindowKey, Figures.Window> closed = new TreeMap<>(expected.windows());
    closed.keySet().retainAll(expected.closed());
    return closed;
  }
}
