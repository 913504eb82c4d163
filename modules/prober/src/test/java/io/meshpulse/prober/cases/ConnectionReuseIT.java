package io.meshpulse.prober.cases;

import static io.meshpulse.prober.cases.ProberRig.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.FleetOptions;
import io.meshpulse.embedded.SimulatedAgent;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Prober cases P1–P3 (shared/cases/prober.md): what the prober does with kept-alive connections an
 * agent drops, keeps, or closes without answering. Connection and request counts are the agent's,
 * from its side of the wire.
 */
class ConnectionReuseIT {

  private static final Duration AGENT_IDLE_LIMIT = Duration.ofSeconds(10);
  private static final Duration INTERVAL = Duration.ofSeconds(15);
  private static final int ROUNDS = 5;
  /** Real spacing of scheduled rounds; the agent's own clock is stepped by {@link #INTERVAL} per round. */
  private static final Map<String, String> SCHEDULED = Map.of("interval", "250ms", "timeout", "5s");
  private static final Duration AWAIT = Duration.ofSeconds(30);

  /**
   * P1: the agent drops connections idle for more than 10 s; each round comes 15 s after the last
   * on the agent's clock (stepped when a result arrives), so every kept-alive connection it is
   * asked on has been dropped.
   */
  @ParameterizedTest(name = "reset={0}")
  @ValueSource(booleans = {false, true})
  void droppedIdleConnectionIsRetriedOnceOnAFreshOne(boolean reset) {
    // Given
    AtomicLong agentTicks = new AtomicLong(System.nanoTime());
    FleetOptions options = FleetOptions.defaults().withTicker(agentTicks::get);
    try (SimulatedFleet fleet = SimulatedFleet.start(
        List.of(AgentSpec.of("p1", Behaviour.dropsIdleConnections(AGENT_IDLE_LIMIT, reset))), options)) {
      SimulatedAgent agent = fleet.agent("p1");
      AgentWatch watch = new AgentWatch(agent, ROUNDS, () -> agentTicks.addAndGet(INTERVAL.toNanos()));
      try (ProberRig prober = ProberRig.start(SCHEDULED, fleet.cards(), Clock.systemUTC(), watch)) {
        // When
        prober.startRounds();
        AgentWatch.Seen seen = watch.await(AWAIT);

        // Then: every round healthy; from the second on, the reused connection failed and one new one answered
        seen.results().forEach(r -> assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString));
        assertEquals(1, seen.results().get(0).getAttempts(), "a first connection is not a reused one");
        seen.results().subList(1, ROUNDS).forEach(r -> assertEquals(2, r.getAttempts(), r::toString));
        assertEquals(ROUNDS, seen.connectionsAccepted(), "one new connection per round, no more");
        assertEquals(2L * ROUNDS - 1, seen.requests(), "one retry per dropped connection, no more");
      }
    }
  }

  /**
   * P1: two connections to the agent sit in the pool, both dropped by the agent. The retry must go
   * on a new connection, not on the other pooled one.
   */
  @Test
  void retryNeverGoesOnAnotherPooledConnection() throws Exception {
    // Given: two agents on one address (one route) leave two kept-alive connections in the pool;
    // the agent answers after 200 ms so that the first round's two checks overlap
    AtomicLong agentTicks = new AtomicLong(System.nanoTime());
    FleetOptions options = FleetOptions.defaults().withTicker(agentTicks::get);
    Behaviour dropsIdle = Behaviour.dropsIdleConnections(AGENT_IDLE_LIMIT, false, Duration.ofMillis(200));
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p1", dropsIdle)), options)) {
      AgentCard first = fleet.cards().get(0);
      AgentCard second = AgentCard.newBuilder(first).setName("p1-again").setUrl(first.getUrl() + "?again").build();
      AtomicReference<List<AgentCard>> registered = new AtomicReference<>(List.of(first, second));
      try (ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), registered::get, Clock.systemUTC(), r -> { })) {
        prober.round();
        SimulatedAgent agent = fleet.agent("p1");
        assertEquals(2, agent.connectionsAccepted(), "setup: two pooled connections");
        registered.set(List.of(first));
        agentTicks.addAndGet(INTERVAL.toNanos());
        agent.resetStats();

        // When
        HealthCheckResult result = resultOf(prober.round(), "p1");

        // Then
        assertEquals(AgentHealth.HEALTHY, result.getHealth(), result::toString);
        assertEquals(2, result.getAttempts(), result::toString);
        assertEquals(1, agent.connectionsAccepted(), "the retry opened a connection of its own");
        assertEquals(2, agent.requests());
      }
    }
  }

  /**
   * P2: {@code 200} with {@code Content-Length: 0} on a kept-alive connection, 5 rounds back to
   * back: each round finds the connection back in the pool, however soon it starts.
   */
  @Test
  void emptyOkOnAKeptAliveConnectionIsHealthyEveryRound() throws Exception {
    // Given
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p2", Behaviour.emptyOk())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), fleet.cards())) {
      List<HealthCheckResult> results = new ArrayList<>();

      // When
      for (int round = 0; round < ROUNDS; round++) {
        results.add(resultOf(prober.round(), "p2"));
      }

      // Then
      results.forEach(r -> {
        assertEquals(AgentHealth.HEALTHY, r.getHealth(), r::toString);
        assertEquals(200, r.getHttpStatus());
        assertEquals(1, r.getAttempts());
      });
      SimulatedAgent agent = fleet.agent("p2");
      assertEquals(1, agent.connectionsAccepted(), "every round on the same connection");
      assertEquals(ROUNDS, agent.requests());
    }
  }

  /** P3: the agent reads the request and closes without writing anything; 1 round, timeout 5 s. */
  @Test
  void agentClosingWithoutAnswerFailsPromptlyWithoutRetry() throws Exception {
    // Given
    Duration timeout = Duration.ofSeconds(5);
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p3", Behaviour.closesWithoutResponse())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), fleet.cards())) {
      // When
      long start = System.nanoTime();
      HealthCheckResult result = resultOf(prober.round(), "p3");
      long roundMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

      // Then
      assertClosedBeforeResponse(result);
      assertTrue(roundMs < timeout.toMillis() / 5, "promptly, not at the timeout: " + roundMs + " ms");
      SimulatedAgent agent = fleet.agent("p3");
      assertTrue(agent.connectionsAccepted() <= 2, "at most 2 connection attempts: " + agent.connectionsAccepted());
      assertEquals(1, result.getAttempts(), "a new connection failing is the agent's doing: no retry");
      assertEquals(1, agent.connectionsAccepted());
    }
  }

  /** P3 after P1: a kept-alive agent starts closing without answering; the one retry is not repeated. */
  @Test
  void agentThatStartsClosingWithoutAnswerGetsOneRetryOnly() throws Exception {
    // Given: a connection kept alive from a healthy first round
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("p3", Behaviour.emptyOk())));
         ProberRig prober = ProberRig.start(Map.of("timeout", "5s"), fleet.cards())) {
      assertEquals(AgentHealth.HEALTHY, resultOf(prober.round(), "p3").getHealth());
      SimulatedAgent agent = fleet.agent("p3");
      agent.setBehaviour(Behaviour.closesWithoutResponse());
      agent.resetStats();

      // When
      HealthCheckResult result = resultOf(prober.round(), "p3");

      // Then: the reused connection and one new connection failed, and that was all
      assertClosedBeforeResponse(result);
      assertEquals(2, result.getAttempts(), result::toString);
      assertTrue(agent.connectionsAccepted() <= 2, "at most 2 connection attempts: " + agent.connectionsAccepted());
      assertEquals(2, agent.requests(), "the request on the kept-alive connection and its one retry");
    }
  }

  private static void assertClosedBeforeResponse(HealthCheckResult result) {
    assertEquals(AgentHealth.UNHEALTHY, result.getHealth(), result::toString);
    assertEquals(FailureKind.PROTOCOL, result.getFailureKind(), result::toString);
    assertTrue(result.getError().startsWith("connection closed before response"), result::toString);
    assertEquals(null, result.getHttpStatus());
  }
}
