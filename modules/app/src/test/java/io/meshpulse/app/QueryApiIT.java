package io.meshpulse.app;

import static io.meshpulse.app.Api.agentIn;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import io.meshpulse.testkit.TestProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query API over real state stores, fed with checks produced straight to the topics. */
@MeshpulseKafka
class QueryApiIT {

  private static final Duration DEADLINE = Duration.ofSeconds(45);
  /** Kafka's default {@code session.timeout.ms}. */
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);

  @TempDir
  Path stateDir;

  private final Components running = new Components();

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void emptyMeshAnswersZeroCountsAndNoAgents(KafkaCluster cluster, TestNames names) {
    // Given
    Api api = new Api(start(cluster, names).port());

    // When
    Api.Answer answer = await().atMost(DEADLINE).until(() -> api.get("/api/mesh/health"), a -> a.status() != 503);

    // Then
    assertEquals(200, answer.status(), answer::toString);
    assertEquals(0, answer.body().path("total_count").asInt());
    assertEquals(0.0, answer.body().path("healthy_ratio").asDouble());
    assertTrue(answer.body().path("agents").isArray() && answer.body().path("agents").isEmpty(), answer::toString);
  }

  @Test
  void meshOfUnhealthyAgentsHasHealthyRatioZero(KafkaCluster cluster, TestNames names) {
    // Given
    Api api = new Api(start(cluster, names).port());
    List<String> agents = List.of("alpha", "beta", "gamma");

    // When
    feed(cluster, names, agents, (agent, round) -> Checks.refused(agent, round));

    // Then
    Api.Answer answer = await().atMost(DEADLINE).until(() -> api.get("/api/mesh/health"),
        a -> a.ok() && a.body().path("unhealthy_count").asInt() == 3
            && a.body().path("agents").findValues("healthy_ratio").stream().allMatch(JsonNode::isNumber));
    assertEquals(3, answer.body().path("total_count").asInt(), answer::toString);
    assertEquals(0, answer.body().path("healthy_count").asInt(), answer::toString);
    assertEquals(0.0, answer.body().path("healthy_ratio").asDouble(), answer::toString);
    assertEquals("connection refused", agentIn(answer.body(), "beta").path("error").asText());
    assertEquals(0.0, agentIn(answer.body(), "beta").path("healthy_ratio").asDouble(), answer::toString);
  }

  @Test
  void firstAnswerAfterStartHoldsEverythingTheTopicsHeld(KafkaCluster cluster, TestNames names) {
    // Given
    List<String> agents = IntStream.rangeClosed(1, 300).mapToObj(i -> "agent-" + i).toList();
    prepareTopics(cluster, names);
    feed(cluster, names, agents, (agent, round) -> Checks.refused(agent, round));
    Api api = new Api(start(cluster, names).port());

    // When
    Api.Answer first = await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20))
        .until(() -> api.get("/api/mesh/health"), a -> a.status() != 503);

    // Then
    assertEquals(200, first.status(), first::toString);
    assertEquals(300, first.body().path("total_count").asInt(), "total_count");
    assertEquals(300, first.body().path("unhealthy_count").asInt(), "unhealthy_count");
    assertEquals(300, first.body().path("agents").size(), "agents");
    assertTrue(first.body().path("agents").findValues("checked_at").stream().noneMatch(JsonNode::isNull),
        "every agent has its checks");
  }

  @Test
  void restartedInstanceAnswersBeforeItsFormerSelfsSessionWouldHaveExpired(KafkaCluster cluster, TestNames names) {
    // Given
    QueryService first = start(cluster, names);
    feed(cluster, names, List.of("alpha"), (agent, round) -> Checks.refused(agent, round));
    await().atMost(DEADLINE).until(() -> new Api(first.port()).get("/api/agents/alpha"), Api.Answer::ok);
    first.close();

    // When
    Api api = new Api(start(cluster, names).port());

    // Then: well inside the 45 s session timeout a member that did not leave the group holds it for
    await().atMost(SESSION_TIMEOUT.dividedBy(2)).until(() -> api.get("/api/agents/alpha"), Api.Answer::ok);
  }

  @Test
  void agentListShowsTheSameWindowFiguresAsTheMeshHealth(KafkaCluster cluster, TestNames names) {
    // Given
    Api api = new Api(start(cluster, names).port());
    feed(cluster, names, List.of("fast", "slow"),
        (agent, round) -> Checks.healthy(agent, agent.equals("fast") ? 10.0 + round : 200.0 + round, round));
    JsonNode mesh = await().atMost(DEADLINE).until(() -> api.get("/api/mesh/health"),
        a -> a.ok() && a.body().path("agents").findValues("p95_ms").stream().filter(JsonNode::isNumber).count() == 2)
        .body();

    // When
    Api.Answer list = api.get("/api/agents");

    // Then
    assertEquals(200, list.status(), list::toString);
    for (String agent : List.of("fast", "slow")) {
      JsonNode listed = agentIn(list.body(), agent);
      assertTrue(listed.path("p95_ms").isNumber(), listed::toString);
      assertEquals(agentIn(mesh, agent).path("p95_ms"), listed.path("p95_ms"));
      assertEquals(1.0, listed.path("healthy_ratio").asDouble(), listed::toString);
    }
  }

  @Test
  void unknownAgentIsNotFound(KafkaCluster cluster, TestNames names) {
    // Given
    Api api = new Api(start(cluster, names).port());

    // When
    Api.Answer answer = await().atMost(DEADLINE).until(() -> api.get("/api/agents/nobody"), a -> a.status() != 503);

    // Then
    assertEquals(404, answer.status(), answer::toString);
    assertEquals("no agent named nobody", answer.body().path("error").asText());
  }

  private QueryService start(KafkaCluster cluster, TestNames names) {
    return start(cluster, names, stateDir);
  }

  QueryService start(KafkaCluster cluster, TestNames names, Path dir) {
    KafkaOptions kafka = prepareTopics(cluster, names);
    TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, names.prefix(),
        TopologyConfig.DEFAULT_INTERVAL, "1h"));
    return running.add(QueryService.start(names.applicationId(), kafka, topology, "127.0.0.1", 0,
        new HostInfo("127.0.0.1", 0), new StateDir("--state-dir", dir), QueryService.newMetrics()));
  }

  private static KafkaOptions prepareTopics(KafkaCluster cluster, TestNames names) {
    KafkaOptions kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 4);
    kafka.ensureTopics();
    return kafka;
  }

  /** Registers the agents and publishes three rounds of checks for each. */
  static void feed(KafkaCluster cluster, TestNames names, List<String> agents, CheckMaker check) {
    try (TestProducer<String, AgentCard> cards = cluster.producer(new StringSerializer(),
        MeshSerdes.agentCard().serializer());
        TestProducer<String, HealthCheckResult> checks = cluster.producer(new StringSerializer(),
            MeshSerdes.checkResult().serializer())) {
      agents.forEach(agent -> cards.send(names.topics().agents(), agent, Checks.card(agent, "search")));
      for (long round = 1; round <= 3; round++) {
        for (String agent : agents) {
          checks.send(names.topics().checks(), agent, check.make(agent, round));
        }
      }
    }
  }

  @FunctionalInterface
  interface CheckMaker {
    HealthCheckResult make(String agent, long round);
  }
}
