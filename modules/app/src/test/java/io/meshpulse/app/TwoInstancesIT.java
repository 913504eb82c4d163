package io.meshpulse.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshpulse.streams.StoreNames;
import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one Streams application (same application id, their own state directories and
 * API ports) share the agents' partitions; each answers for every agent, asking the other for the
 * agents it does not own. While they rebalance an answer is 503, never a wrong one.
 */
@MeshpulseKafka
class TwoInstancesIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final List<String> AGENTS = IntStream.rangeClosed(1, 12).mapToObj(i -> "agent-" + i).toList();

  @TempDir
  static Path stateA;
  @TempDir
  static Path stateB;

  private static final Components running = new Components();
  private static QueryService first;
  private static QueryService second;

  /**
   * Given two instances of one application and three rounds of checks, agent-n answering in n ms,
   * each agent's registration read by the instance that owns it (right after the instances turn
   * RUNNING the owner may not have read it yet, and a 404 then would be the truth, not a wrong answer).
   */
  @BeforeAll
  static void startTwoInstances(KafkaCluster cluster, TestNames names) {
    KafkaOptions kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 4);
    kafka.ensureTopics();
    TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, names.prefix(),
        TopologyConfig.DEFAULT_INTERVAL, "1h"));
    first = running.add(start(names, kafka, topology, stateA));
    second = running.add(start(names, kafka, topology, stateB));
    QueryApiIT.feed(cluster, names, AGENTS, (agent, round) -> Checks.healthy(agent, latencyOf(agent), round));
    await().atMost(DEADLINE).until(() -> ownedByBoth(first.kafkaStreams()) && ownedByBoth(second.kafkaStreams()));
    Api api = new Api(first.port());
    await().atMost(DEADLINE).until(() -> AGENTS.stream().allMatch(agent -> api.get("/api/agents/" + agent).ok()));
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  @Test
  void eitherInstanceAnswersForEveryAgent() {
    for (String agent : AGENTS) {
      // When
      JsonNode fromFirst = awaitAgent(new Api(first.port()), agent);
      JsonNode fromSecond = awaitAgent(new Api(second.port()), agent);

      // Then
      assertEquals(fromFirst, fromSecond, agent);
      assertEquals("HEALTHY", fromFirst.path("status").path("health").asText(), agent);
      assertEquals(latencyOf(agent), fromFirst.path("agent").path("response_time_ms").asDouble(), agent);
    }
  }

  @Test
  void eitherInstanceListsTheWholeMesh() {
    for (QueryService instance : List.of(first, second)) {
      // When
      Api.Answer answer = await().atMost(DEADLINE).until(() -> new Api(instance.port()).get("/api/mesh/health"),
          a -> notWrong(a) && a.ok() && a.body().path("healthy_count").asInt() == AGENTS.size());

      // Then
      assertEquals(AGENTS.size(), answer.body().path("total_count").asInt(), answer::toString);
      assertEquals(Set.copyOf(AGENTS), names(answer.body().path("agents")), answer::toString);
    }
  }

  private static QueryService start(TestNames names, KafkaOptions kafka, TopologyConfig topology, Path stateDir) {
    return QueryService.start(names.applicationId(), kafka, topology, "127.0.0.1", 0, new HostInfo("127.0.0.1", 0),
        new StateDir("--state-dir", stateDir), QueryService.newMetrics());
  }

  /** Each instance owns some of the agents, so asking either one forwards some questions. */
  private static boolean ownedByBoth(KafkaStreams streams) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return false;
    }
    Set<HostInfo> owners = AGENTS.stream()
        .map(agent -> streams.queryMetadataForKey(StoreNames.AGENT_STATUS, agent, Serdes.String().serializer()))
        .map(metadata -> metadata.activeHost())
        .collect(Collectors.toSet());
    return owners.equals(Set.of(new HostInfo("127.0.0.1", first.port()), new HostInfo("127.0.0.1", second.port())));
  }

  /** The agent's detail once it has all three checks; any 200 before must not contradict them. */
  private static JsonNode awaitAgent(Api api, String agent) {
    return await().atMost(DEADLINE).until(() -> api.get("/api/agents/" + agent),
        a -> notWrong(a) && a.ok() && a.body().path("status").path("consecutive_successes").asInt() == 3).body();
  }

  /** 503 (with Retry-After) or 200 are the only answers allowed while instances move partitions. */
  private static boolean notWrong(Api.Answer answer) {
    if (answer.status() == 503) {
      assertEquals("1", answer.retryAfter(), answer::toString);
      return true;
    }
    assertEquals(200, answer.status(), answer::toString);
    return true;
  }

  private static double latencyOf(String agent) {
    return Double.parseDouble(agent.substring("agent-".length()));
  }

  private static Set<String> names(JsonNode agents) {
    Set<String> names = new java.util.TreeSet<>();
    agents.forEach(a -> names.add(a.path("name").asText()));
    return names;
  }
}
