package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.AgentsYaml;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.prober.registry.AgentRegistry;
import io.meshpulse.prober.registry.FileAgentRegistry;
import io.meshpulse.prober.registry.SyncedFileRegistry;
import io.meshpulse.prober.registry.TopicAgentRegistry;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents added to or removed from the registry, the agents file or the agents topic, are checked
 * or no longer checked from the next round on, without a restart. "The next round" here: at most
 * two rounds after the latest one with results when the change was made (one may be under way).
 */
@MeshpulseKafka
class RegistryChangesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<AgentSpec> FLEET = List.of(
      AgentSpec.of("alpha", Behaviour.healthy(Duration.ofMillis(5))),
      AgentSpec.of("bravo", Behaviour.healthy(Duration.ofMillis(5))),
      AgentSpec.of("charlie", Behaviour.healthy(Duration.ofMillis(5))));

  @Test
  void agentAddedToTheFileIsCheckedFromTheNextRound(@TempDir Path dir) {
    Path file = dir.resolve("agents.yaml");
    try (SimulatedFleet fleet = SimulatedFleet.start(FLEET)) {
      AgentsYaml.write(cards(fleet, "alpha", "bravo"), file);
      assertAddedFromTheNextRound(new FileAgentRegistry(file), "300ms",
          () -> AgentsYaml.write(cards(fleet, "alpha", "bravo", "charlie"), file));
    }
  }

  @Test
  void agentRemovedFromTheFileIsNotCheckedFromTheNextRound(@TempDir Path dir) {
    Path file = dir.resolve("agents.yaml");
    try (SimulatedFleet fleet = SimulatedFleet.start(FLEET)) {
      AgentsYaml.write(cards(fleet, "alpha", "bravo", "charlie"), file);
      assertRemovedFromTheNextRound(new FileAgentRegistry(file), "300ms",
          () -> AgentsYaml.write(cards(fleet, "bravo", "charlie"), file));
    }
  }

  @Test
  void agentRegisteredInTheAgentsTopicIsCheckedFromTheNextRound(KafkaCluster kafka, TestNames names) throws Exception {
    String topic = kafka.createTopics(names.topics(), 3).agents();
    try (SimulatedFleet fleet = SimulatedFleet.start(FLEET);
         AgentCatalog catalog = new AgentCatalog(topic, ClientProperties.of(kafka))) {
      catalog.register(cards(fleet, "alpha", "bravo"));
      try (TopicAgentRegistry registry = loadedRegistry(kafka, names, topic)) {
        assertAddedFromTheNextRound(registry, "1s", () -> catalog.register(cards(fleet, "charlie")));
      }
    }
  }

  @Test
  void agentDeregisteredFromTheAgentsTopicIsNotCheckedFromTheNextRound(KafkaCluster kafka, TestNames names)
      throws Exception {
    String topic = kafka.createTopics(names.topics(), 3).agents();
    try (SimulatedFleet fleet = SimulatedFleet.start(FLEET);
         AgentCatalog catalog = new AgentCatalog(topic, ClientProperties.of(kafka))) {
      catalog.register(cards(fleet, "alpha", "bravo", "charlie"));
      try (TopicAgentRegistry registry = loadedRegistry(kafka, names, topic)) {
        assertRemovedFromTheNextRound(registry, "1s", () -> catalog.deregister(List.of("alpha")));
      }
    }
  }

  @Test
  void agentOfTheFileDeregisteredOnTheTopicIsRegisteredAgainAndStillChecked(KafkaCluster kafka, TestNames names,
      @TempDir Path dir) {
    String topic = kafka.createTopics(names.topics(), 3).agents();
    Path file = dir.resolve("agents.yaml");
    CollectedResults results = new CollectedResults();
    try (SimulatedFleet fleet = SimulatedFleet.start(FLEET);
         AgentCatalog catalog = new AgentCatalog(topic, ClientProperties.of(kafka))) {
      AgentsYaml.write(cards(fleet, "alpha", "bravo"), file);
      try (SyncedFileRegistry registry = new SyncedFileRegistry(new FileAgentRegistry(file), topic,
               ClientProperties.of(kafka));
           ProberRig prober = rounds(registry, "300ms", results)) {
        await().atMost(WAIT).until(() -> registered(kafka, topic).contains("alpha"));

        // When: someone deregisters alpha with the agents topic while the file still lists it
        long latestBefore = changeOnceChecked(results, "alpha", () -> catalog.deregister(List.of("alpha")));

        // Then: the file wins: alpha is registered again, and its checks go on
        await().atMost(WAIT).until(() -> registered(kafka, topic).contains("alpha"));
        await().atMost(WAIT).until(() -> roundsOf(results, "alpha") >= latestBefore + 3);
      }
    }
  }

  /** The agents the topic holds a card for now: each key's latest record is not a tombstone. */
  private static Set<String> registered(KafkaCluster kafka, String topic) {
    Map<String, byte[]> latest = new HashMap<>();
    kafka.readToEnd(topic, new StringDeserializer(), new ByteArrayDeserializer())
        .forEach(record -> latest.put(record.key(), record.value()));
    return latest.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  /** Given rounds over the registry, when {@code change} adds charlie, then charlie is checked from the next round. */
  private static void assertAddedFromTheNextRound(AgentRegistry registry, String interval, Runnable change) {
    CollectedResults results = new CollectedResults();
    try (ProberRig prober = rounds(registry, interval, results)) {
      long latestBefore = changeOnceChecked(results, "bravo", change);

      await().atMost(WAIT).until(() -> !results.of("charlie").isEmpty());
      long first = results.of("charlie").get(0).getRoundId();
      assertTrue(first <= latestBefore + 2, "added while round " + latestBefore + " had results; first checked in "
          + first);
    }
  }

  /** Given rounds over the registry, when {@code change} removes alpha, then alpha is not checked from the next round. */
  private static void assertRemovedFromTheNextRound(AgentRegistry registry, String interval, Runnable change) {
    CollectedResults results = new CollectedResults();
    try (ProberRig prober = rounds(registry, interval, results)) {
      long latestBefore = changeOnceChecked(results, "alpha", change);

      await().atMost(WAIT).until(() -> roundsOf(results, "bravo") >= latestBefore + 5);
      List<HealthCheckResult> alpha = results.of("alpha");
      long last = alpha.get(alpha.size() - 1).getRoundId();
      assertTrue(last <= latestBefore + 2, "removed while round " + latestBefore + " had results; last checked in "
          + last + " of " + results.latestRound());
    }
  }

  /** Once {@code agent} has been checked, makes the change; returns the latest round with results before it. */
  private static long changeOnceChecked(CollectedResults results, String agent, Runnable change) {
    await().atMost(WAIT).until(() -> !results.of(agent).isEmpty());
    long latestBefore = results.latestRound();
    change.run();
    return latestBefore;
  }

  private static ProberRig rounds(AgentRegistry registry, String interval, CollectedResults sink) {
    ProberRig prober = ProberRig.start(Map.of("interval", interval, "timeout", "2s"), registry, Clock.systemUTC(), sink);
    prober.startRounds();
    return prober;
  }

  private static long roundsOf(CollectedResults results, String agent) {
    return results.of(agent).stream().mapToLong(HealthCheckResult::getRoundId).max().orElse(0);
  }

  private static TopicAgentRegistry loadedRegistry(KafkaCluster kafka, TestNames names, String topic)
      throws InterruptedException {
    Properties props = ClientProperties.of(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, names.groupId());
    TopicAgentRegistry registry = new TopicAgentRegistry(topic, props);
    assertTrue(registry.awaitLoaded(WAIT), "the prober reads the agents topic");
    return registry;
  }

  private static List<AgentCard> cards(SimulatedFleet fleet, String... agents) {
    return List.of(agents).stream().map(name -> fleet.agent(name).card()).toList();
  }
}
