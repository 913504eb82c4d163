package io.meshpulse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.MeshHealthSummary;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.serde.MeshSerdes;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.StoreNames;
import io.meshpulse.streams.StreamsApp;
import io.meshpulse.streams.TopologyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/mesh/health} over the health topology's real stores: one answer agrees with
 * itself even while the mesh summary store (fed through a repartition topic) trails the status store.
 */
class MeshHealthQueryTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  /** One check decides an agent's health, so each agent's health is the one its check says. */
  private static final TopologyConfig CONFIG = TopologyConfig.defaults()
      .with(Map.of(TopologyConfig.HEALTHY_AFTER, "1", TopologyConfig.UNHEALTHY_AFTER, "1"));

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, AgentCard> agents;
  private TestInputTopic<String, HealthCheckResult> checks;
  private MeshQueries queries;

  @BeforeEach
  void startTopology() {
    var props = StreamsApp.streamsConfig("mesh-health-query-test", "unused:9092", CONFIG,
        Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
    driver = new TopologyTestDriver(HealthTopology.build(CONFIG, Clock.fixed(T0, ZoneOffset.UTC)), props, T0);
    Topics topics = CONFIG.topics();
    agents = driver.createInputTopic(topics.agents(), new StringSerializer(), MeshSerdes.agentCard().serializer());
    checks = driver.createInputTopic(topics.checks(), new StringSerializer(), MeshSerdes.checkResult().serializer());
    QueryTiming timing = new QueryTiming(CONFIG.windowSize(), CONFIG.windowRetention(),
        Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    queries = new MeshQueries(new DriverStreams(driver), timing, HostInfo.unavailable(), Json.mapper(), () -> null);
  }

  @AfterEach
  void closeTopology() {
    driver.close();
  }

  @Test
  void countsAreThoseOfTheListedAgentsWhileTheSummaryStoreLags() {
    // Given: three registered agents; the summary store has not yet seen gamma's registration
    register("alpha", AgentHealth.HEALTHY, "search");
    register("beta", AgentHealth.UNHEALTHY, "search");
    MeshHealthSummary beforeGamma = summaryStore();
    register("gamma", AgentHealth.HEALTHY, "billing", "search");
    putSummary(beforeGamma);

    // When
    MeshHealthView mesh = queries.meshHealth();

    // Then
    assertEquals(List.of("alpha", "beta", "gamma"), mesh.agents().stream().map(AgentView::name).toList());
    assertEquals(new CountsView(2, 0, 1, 0, 3, 0.6667), overall(mesh));
    assertEquals(Set.of("billing", "search"), mesh.byCapability().keySet());
    assertEquals(new CountsView(1, 0, 0, 0, 1, 1.0), mesh.byCapability().get("billing"));
    assertEquals(new CountsView(2, 0, 1, 0, 3, 0.6667), mesh.byCapability().get("search"));
  }

  @Test
  void deregisteredAgentIsNeitherListedNorCountedWhileTheSummaryStoreStillCountsIt() {
    // Given
    register("alpha", AgentHealth.HEALTHY, "search");
    register("beta", AgentHealth.HEALTHY, "search");
    MeshHealthSummary withBeta = summaryStore();
    agents.pipeInput("beta", null, T0.plusSeconds(2));
    putSummary(withBeta);

    // When
    MeshHealthView mesh = queries.meshHealth();

    // Then
    assertEquals(List.of("alpha"), mesh.agents().stream().map(AgentView::name).toList());
    assertEquals(new CountsView(1, 0, 0, 0, 1, 1.0), overall(mesh));
    assertEquals(new CountsView(1, 0, 0, 0, 1, 1.0), mesh.byCapability().get("search"));
  }

  private void register(String agent, AgentHealth health, String... capabilities) {
    AgentCard card = AgentCard.newBuilder().setName(agent).setUrl("http://" + agent + ":8080/health")
        .setCapabilities(List.of(capabilities)).build();
    agents.pipeInput(agent, card, T0);
    checks.pipeInput(agent, check(agent, health), T0.plusSeconds(1));
  }

  private static HealthCheckResult check(String agent, AgentHealth health) {
    return HealthCheckResult.newBuilder().setAgent(agent).setUrl("http://" + agent + ":8080/health")
        .setHealth(health).setResponseTimeMs(12.0).setHttpStatus(health == AgentHealth.HEALTHY ? 200 : 503)
        .setCheckedAt(T0.plusSeconds(1)).setProberId("prober-1").setRoundId(1).setTimeoutMs(2000).build();
  }

  private MeshHealthSummary summaryStore() {
    return ValueAndTimestamp.getValueOrNull(
        driver.<String, MeshHealthSummary>getTimestampedKeyValueStore(StoreNames.MESH_SUMMARY)
            .get(StoreNames.MESH_SUMMARY_KEY));
  }

  /** Sets the summary store to an earlier value: what it holds until the repartition topic is read. */
  private void putSummary(MeshHealthSummary summary) {
    driver.<String, MeshHealthSummary>getTimestampedKeyValueStore(StoreNames.MESH_SUMMARY)
        .put(StoreNames.MESH_SUMMARY_KEY, ValueAndTimestamp.make(summary, T0.toEpochMilli()));
  }

  private static CountsView overall(MeshHealthView mesh) {
    return new CountsView(mesh.healthyCount(), mesh.degradedCount(), mesh.unhealthyCount(), mesh.unknownCount(),
        mesh.totalCount(), mesh.healthyRatio());
  }
}
