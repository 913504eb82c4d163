package io.meshpulse.app;

import static io.meshpulse.app.Api.agentIn;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.TopologyConfig;
import io.meshpulse.testkit.KafkaCluster;
import io.meshpulse.testkit.MeshpulseKafka;
import io.meshpulse.testkit.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real broker: simulated agents on loopback → prober → checks topic →
 * Streams → state stores → the query API over HTTP, the transitions topic and the alert consumer.
 */
@MeshpulseKafka
class PipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(45);
  private static final Duration SLOW_LATENCY = Duration.ofMillis(300);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir
  static Path stateDir;

  private static SimulatedFleet fleet;
  private static Pipeline pipeline;
  private static Api api;
  private static KafkaOptions kafka;
  private static final List<HealthTransition> alerts = new CopyOnWriteArrayList<>();

  /** Given a fleet of three healthy agents, a degraded one and a down one, and the pipeline over it. */
  @BeforeAll
  static void startPipeline(KafkaCluster cluster, TestNames names) throws InterruptedException {
    fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("search-fast", Behaviour.healthy(Duration.ofMillis(10)), "search"),
        AgentSpec.of("search-slow", Behaviour.healthy(SLOW_LATENCY), "search"),
        AgentSpec.of("invoices-main", Behaviour.healthy(Duration.ofMillis(40)), "invoices"),
        AgentSpec.of("summarize-tired", Behaviour.degraded(Duration.ofMillis(20)), "summarize"),
        AgentSpec.of("translate-off", Behaviour.down(), "translate")));
    kafka = KafkaOptions.local(cluster.bootstrapServers(), names.prefix(), 3);
    kafka.ensureTopics();
    try (AgentCatalog catalog = new AgentCatalog(kafka.topics().agents(), kafka.clientProperties())) {
      catalog.register(fleet.cards());
    }
    ProberConfig prober = ProberConfig.fromMap(Map.of("interval", "1s", "timeout", TIMEOUT.toMillis() + "ms",
        "degraded-after", TIMEOUT.toMillis() + "ms"));
    TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, names.prefix(),
        TopologyConfig.DEFAULT_INTERVAL, "1s",
        // a loaded CI machine must not turn an agent UNKNOWN between two rounds
        TopologyConfig.UNKNOWN_AFTER_MISSED_INTERVALS, "10"));
    pipeline = Pipeline.start(new Pipeline.Settings(names.applicationId(), kafka, prober, topology, "127.0.0.1", 0,
        new StateDir("--state-dir", stateDir)), List.of(alerts::add), QueryService.newMetrics());
    api = new Api(pipeline.port());
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void meshHealthCountsEachAgentAsTheProberSawIt() {
    // When
    Api.Answer answer = awaitAnswer("/api/mesh/health", mesh -> mesh.path("healthy_count").asInt() == 3
        && mesh.path("degraded_count").asInt() == 1 && mesh.path("unhealthy_count").asInt() == 1);

    // Then
    JsonNode mesh = answer.body();
    assertEquals(5, mesh.path("total_count").asInt(), mesh::toString);
    assertEquals(0.6, mesh.path("healthy_ratio").asDouble(), 1e-9, mesh::toString);
    assertEquals(5, mesh.path("agents").size(), mesh::toString);
    assertEquals("HEALTHY", agentIn(mesh, "search-slow").path("health").asText());
    assertTrue(agentIn(mesh, "search-slow").path("response_time_ms").asDouble() >= SLOW_LATENCY.toMillis(), mesh::toString);
    assertTrue(agentIn(mesh, "search-slow").path("error").isNull(), mesh::toString);
    assertEquals("DEGRADED", agentIn(mesh, "summarize-tired").path("health").asText());
    JsonNode down = agentIn(mesh, "translate-off");
    assertEquals("UNHEALTHY", down.path("health").asText());
    assertTrue(down.path("error").asText().contains("refused"), mesh::toString);
  }

  @Test
  void agentDetailShowsItsStatusAndCurrentWindowStatistics() {
    // When
    Api.Answer answer = awaitAnswer("/api/agents/search-slow",
        detail -> detail.path("current_window").path("count").asLong() >= 3);

    // Then
    JsonNode detail = answer.body();
    assertEquals("HEALTHY", detail.path("status").path("health").asText(), detail::toString);
    JsonNode window = detail.path("current_window");
    assertEquals(window.path("count").asLong(), window.path("healthy_count").asLong(), detail::toString);
    assertEquals(1.0, window.path("healthy_ratio").asDouble(), 1e-9, detail::toString);
    double p50 = window.path("latency_p50_ms").asDouble();
    double p95 = window.path("latency_p95_ms").asDouble();
    double p99 = window.path("latency_p99_ms").asDouble();
    // the agent answers after 300 ms (the sketch may be 1 % under); nothing took as long as the timeout
    assertTrue(p50 >= SLOW_LATENCY.toMillis() * 0.99 && p50 <= p95 && p95 <= p99 && p99 < TIMEOUT.toMillis(),
        detail::toString);
  }

  @Test
  void routeNamesTheHealthyAgentWithTheLowestRecentP95() {
    // When
    Api.Answer answer = awaitAnswer("/api/route?capability=search",
        route -> route.path("candidates").size() == 2 && route.path("candidates").get(1).hasNonNull("p95_ms"));

    // Then
    JsonNode route = answer.body();
    assertEquals("search-fast", route.path("agent").asText(), route::toString);
    assertEquals("HEALTHY", route.path("health").asText(), route::toString);
    assertEquals(fleet.agent("search-fast").url(), route.path("url").asText(), route::toString);
    assertEquals("search-slow", route.path("candidates").get(1).path("name").asText(), route::toString);
  }

  @Test
  void routeFallsBackToADegradedAgentWhenNoneIsHealthy() {
    // When
    Api.Answer answer = awaitAnswer("/api/route?capability=summarize", route -> !route.path("agent").isNull());

    // Then
    JsonNode route = answer.body();
    assertEquals("summarize-tired", route.path("agent").asText(), route::toString);
    assertEquals("DEGRADED", route.path("health").asText(), route::toString);
    assertTrue(route.path("reason").asText().contains("fallback"), route::toString);
  }

  @Test
  void routeIsUnavailableWhenNoAgentWithTheCapabilityCanServe() {
    // When
    Api.Answer answer = await().atMost(DEADLINE).until(() -> api.get("/api/route?capability=translate"),
        a -> a.status() == 503 && a.body().path("candidates").size() == 1
            && "UNHEALTHY".equals(a.body().path("candidates").get(0).path("health").asText()));

    // Then
    JsonNode route = answer.body();
    assertTrue(route.path("agent").isNull(), route::toString);
    assertEquals("translate-off", route.path("candidates").get(0).path("name").asText(), route::toString);
  }

  @Test
  void routeForACapabilityNoAgentHasIsNotFound() {
    // When
    Api.Answer answer = await().atMost(DEADLINE).until(() -> api.get("/api/route?capability=teleport"),
        a -> a.status() != 503);

    // Then
    assertEquals(404, answer.status(), answer::toString);
    assertEquals("no registered agent has capability teleport", answer.body().path("reason").asText());
  }

  @Test
  void agentThatGoesDownTurnsUnhealthyInTheApiTheTransitionsTopicAndTheAlerts(KafkaCluster cluster) {
    // Given
    SimulatedAgent invoices = fleet.agent("invoices-main");
    awaitAnswer("/api/agents/invoices-main", detail -> "HEALTHY".equals(detail.path("status").path("health").asText()));
    Behaviour usual = invoices.behaviour();
    try {
      // When
      invoices.setBehaviour(Behaviour.down());

      // Then
      Api.Answer answer = awaitAnswer("/api/mesh/health",
          mesh -> "UNHEALTHY".equals(agentIn(mesh, "invoices-main").path("health").asText())
              && mesh.path("unhealthy_count").asInt() == 2);
      assertEquals(2, answer.body().path("healthy_count").asInt(), answer.body()::toString);
      List<ConsumerRecord<String, HealthTransition>> transitions = cluster.readUntil(kafka.topics().transitions(),
          new StringDeserializer(), MeshSerdes.transition().deserializer(),
          records -> records.stream().anyMatch(PipelineIT::invoicesWentDown), DEADLINE);
      HealthTransition down = transitions.stream().filter(PipelineIT::invoicesWentDown).findFirst().orElseThrow().value();
      assertTrue(down.getLastError().contains("refused"), down::toString);
      await().atMost(DEADLINE).until(() -> alerts.stream().anyMatch(t -> t.getId().equals(down.getId())));
      assertEquals(1, alerts.stream().filter(t -> t.getId().equals(down.getId())).count(), "alerted once");
    } finally {
      // leave the fleet as the other tests expect it
      invoices.setBehaviour(usual);
      awaitAnswer("/api/agents/invoices-main", detail -> "HEALTHY".equals(detail.path("status").path("health").asText()));
    }
  }

  private static boolean invoicesWentDown(ConsumerRecord<String, HealthTransition> record) {
    return "invoices-main".equals(record.key()) && record.value().getFrom() == AgentHealth.HEALTHY
        && record.value().getTo() == AgentHealth.UNHEALTHY;
  }

  /** Polls until the API answers 200 with a body that satisfies {@code ready}. */
  private static Api.Answer awaitAnswer(String path, java.util.function.Predicate<JsonNode> ready) {
    return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
        .until(() -> api.get(path), a -> a.ok() && ready.test(a.body()));
  }
}
