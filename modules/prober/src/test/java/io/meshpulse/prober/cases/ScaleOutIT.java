package io.meshpulse.prober.cases;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two probers share 100 agents through one consumer group on the agents topic: each agent is
 * checked by exactly one of them each round, and when one stops the other takes its agents over.
 */
@MeshpulseKafka
class ScaleOutIT {

  private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
  private static final int AGENTS = 100;
  private static final int PARTITIONS = 6;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void eachAgentIsProbedByExactlyOneInstancePerRound(KafkaCluster kafka, TestNames names) {
    // Given
    Topics topics = kafka.createTopics(names.topics(), PARTITIONS);
    int published;
    try (SimulatedFleet fleet = registeredFleet(kafka, topics);
         ProberInstance a = ProberInstance.join(ClientProperties.of(kafka), topics, names.groupId(), "a", INTERVAL);
         ProberInstance b = ProberInstance.join(ClientProperties.of(kafka), topics, names.groupId(), "b", INTERVAL)) {
      await().atMost(WAIT).until(() -> splitBetween(a, b));

      // When
      a.startRounds();
      b.startRounds();
      await().atMost(WAIT).until(() -> a.results().latestRound() >= 5 && b.results().latestRound() >= 5);
      a.close();
      b.close();
      published = a.results().all().size() + b.results().all().size();
    }

    // Then: on the checks topic, every round of each prober but its last (cut by the stop) covers the same agents
    Map<String, TreeMap<Long, Set<String>>> rounds = roundsByProber(readChecks(kafka, topics, published));
    Set<String> ofA = agentsOfEveryRound(rounds.get("a"));
    Set<String> ofB = agentsOfEveryRound(rounds.get("b"));
    assertTrue(!ofA.isEmpty() && !ofB.isEmpty(), "both probers check agents: a " + ofA.size() + ", b " + ofB.size());
    assertTrue(ofA.stream().noneMatch(ofB::contains), "no agent is checked by both");
    assertEquals(AGENTS, ofA.size() + ofB.size(), "every agent is checked by one of them");
  }

  @Test
  void whenAnInstanceStopsTheOtherTakesItsAgentsWithinTheSessionTimeout(KafkaCluster kafka, TestNames names) {
    // Given
    Topics topics = kafka.createTopics(names.topics(), PARTITIONS);
    try (SimulatedFleet fleet = registeredFleet(kafka, topics);
         ProberInstance a = ProberInstance.join(ClientProperties.of(kafka), topics, names.groupId(), "a", INTERVAL)) {
      ProberInstance b = ProberInstance.join(ClientProperties.of(kafka), topics, names.groupId(), "b", INTERVAL);
      await().atMost(WAIT).until(() -> splitBetween(a, b));
      a.startRounds();
      b.startRounds();
      await().atMost(WAIT).until(() -> b.results().latestRound() >= 2);

      // When
      Instant stopped = Instant.now();
      b.close();

      // Then
      Instant takenOver = firstRoundWithEveryAgent(a, stopped);
      Duration takeover = Duration.between(stopped, takenOver);
      LOG.info("after a clean stop, the other prober checked every agent {} ms later", takeover.toMillis());
      assertTrue(takeover.compareTo(ProberInstance.SESSION_TIMEOUT) < 0, "took over after " + takeover.toMillis() + " ms");
    }
  }

  /** A crash: the other instance's process is killed, so the group hears nothing until its session times out. */
  @Test
  void whenAnInstanceCrashesTheOtherTakesItsAgentsOnceItsSessionTimesOut(KafkaCluster kafka, TestNames names)
      throws Exception {
    // Given
    Topics topics = kafka.createTopics(names.topics(), PARTITIONS);
    try (SimulatedFleet fleet = registeredFleet(kafka, topics);
         ProberInstance a = ProberInstance.join(ClientProperties.of(kafka), topics, names.groupId(), "a", INTERVAL)) {
      a.startRounds();
      Process b = ProberProcess.start(kafka.bootstrapServers(), topics, names.groupId(), "b", INTERVAL);
      try {
        awaitChecksBy(kafka, topics, "b");
        await().atMost(WAIT).until(() -> !a.agents().isEmpty() && a.agents().size() < AGENTS);

        // When
        Instant crashed = Instant.now();
        b.destroyForcibly().waitFor();

        // Then
        Instant takenOver = firstRoundWithEveryAgent(a, crashed);
        Duration takeover = Duration.between(crashed, takenOver);
        LOG.info("after a crash, the other prober checked every agent {} ms later (session timeout {} ms)",
            takeover.toMillis(), ProberInstance.SESSION_TIMEOUT.toMillis());
        assertTrue(takeover.compareTo(ProberInstance.SESSION_TIMEOUT.multipliedBy(2)) < 0,
            "took over " + takeover.toMillis() + " ms after the crash");
      } finally {
        b.destroyForcibly();
      }
    }
  }

  private static SimulatedFleet registeredFleet(KafkaCluster kafka, Topics topics) {
    SimulatedFleet fleet = SimulatedFleet.start(IntStream.range(0, AGENTS)
        .mapToObj(i -> AgentSpec.of(String.format("agent-%03d", i), Behaviour.healthy(Duration.ofMillis(5)))).toList());
    try (AgentCatalog catalog = new AgentCatalog(topics.agents(), ClientProperties.of(kafka))) {
      catalog.register(fleet.cards());
    }
    return fleet;
  }

  /** Both own some of the partitions, together all, and have read them. */
  private static boolean splitBetween(ProberInstance a, ProberInstance b) {
    List<AgentCard> ofA = a.agents();
    List<AgentCard> ofB = b.agents();
    return !ofA.isEmpty() && !ofB.isEmpty() && ofA.size() + ofB.size() == AGENTS;
  }

  /** When {@code prober} started the first check of a round that covered every agent, after {@code since}. */
  private static Instant firstRoundWithEveryAgent(ProberInstance prober, Instant since) {
    return await().atMost(WAIT).until(() -> roundWithEveryAgent(prober.results().all(), since), Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<Instant> roundWithEveryAgent(List<HealthCheckResult> results, Instant since) {
    Map<Long, List<HealthCheckResult>> byRound = results.stream()
        .filter(r -> r.getCheckedAt().isAfter(since))
        .collect(Collectors.groupingBy(HealthCheckResult::getRoundId, TreeMap::new, Collectors.toList()));
    return byRound.values().stream()
        .filter(round -> round.stream().map(HealthCheckResult::getAgent).distinct().count() == AGENTS)
        .map(round -> round.stream().map(HealthCheckResult::getCheckedAt).min(Instant::compareTo).orElseThrow())
        .findFirst();
  }

  private static void awaitChecksBy(KafkaCluster kafka, Topics topics, String proberId) {
    kafka.readUntil(topics.checks(), new StringDeserializer(), MeshSerdes.checkResult().deserializer(),
        read -> read.stream().anyMatch(r -> r.value().getProberId().equals(proberId)), WAIT);
  }

  private static List<HealthCheckResult> readChecks(KafkaCluster kafka, Topics topics, int published) {
    return kafka.readUntil(topics.checks(), new StringDeserializer(), MeshSerdes.checkResult().deserializer(),
        read -> read.size() >= published, WAIT).stream().map(ConsumerRecord::value).toList();
  }

  /** Prober id to round id to the agents that round checked. */
  private static Map<String, TreeMap<Long, Set<String>>> roundsByProber(List<HealthCheckResult> results) {
    return results.stream().collect(Collectors.groupingBy(HealthCheckResult::getProberId,
        Collectors.groupingBy(HealthCheckResult::getRoundId, TreeMap::new,
            Collectors.mapping(HealthCheckResult::getAgent, Collectors.toSet()))));
  }

  /** The agents of every round but the last, which the stop may have cut; fails if two rounds differ. */
  private static Set<String> agentsOfEveryRound(TreeMap<Long, Set<String>> rounds) {
    assertTrue(rounds.size() >= 3, "rounds read: " + rounds.keySet());
    Set<String> first = new HashSet<>(rounds.firstEntry().getValue());
    rounds.headMap(rounds.lastKey()).forEach((round, agents) ->
        assertEquals(first, agents, "round " + round + " checks the same agents as the first"));
    return first;
  }
}
