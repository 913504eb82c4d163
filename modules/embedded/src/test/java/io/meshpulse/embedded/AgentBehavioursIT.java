package io.meshpulse.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** What a client sees of each behaviour, over real sockets on loopback. Timings are coarse on purpose. */
class AgentBehavioursIT {

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER)
      .executor(Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "test-http-client");
        t.setDaemon(true);
        return t;
      }))
      .build();

  @Test
  void healthyAgentAnswersOkAfterItsLatency() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.healthy(Duration.ofMillis(200)))) {
      // When
      long start = System.nanoTime();
      HttpResponse<String> response = get(fleet, CLIENT_TIMEOUT);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Then
      assertEquals(200, response.statusCode());
      assertEquals("{\"status\":\"ok\"}", response.body());
      assertTrue(took.toMillis() >= 200, "answered after " + took.toMillis() + " ms");
      assertTrue(took.toMillis() < 5_000, "answered after " + took.toMillis() + " ms");
    }
  }

  @Test
  void slowAgentAnswersAfterItsLargeLatency() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.slow(Duration.ofSeconds(1)))) {
      // When
      long start = System.nanoTime();
      HttpResponse<String> response = get(fleet, CLIENT_TIMEOUT);

      // Then
      assertEquals(200, response.statusCode());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_000);
    }
  }

  @Test
  void flakyAgentFailsTheSeededShareOfRequests() throws Exception {
    // Given
    Behaviour flaky = Behaviour.flaky(0.3, Duration.ZERO, 7);
    try (SimulatedFleet fleet = fleetOf(flaky)) {
      // When
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        statuses.add(get(fleet, CLIENT_TIMEOUT).statusCode());
      }

      // Then: the same seed gives the same sequence, and about 30 % fail
      assertEquals(expectedStatuses(flaky, 200), statuses);
      long failures = statuses.stream().filter(s -> s == 500).count();
      assertTrue(failures >= 30 && failures <= 90, failures + " of 200 failed");
    }
  }

  @Test
  void downAgentRefusesConnectionsUntilItIsUpAgain() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.down())) {
      SimulatedAgent agent = fleet.agents().get(0);
      String url = agent.url();
      assertThrows(ConnectException.class, () -> get(fleet, CLIENT_TIMEOUT));

      // When
      agent.setBehaviour(Behaviour.healthy(Duration.ZERO));

      // Then
      assertEquals(url, agent.url());
      assertEquals(200, get(fleet, CLIENT_TIMEOUT).statusCode());
    }
  }

  @Test
  void goingDownClosesOpenConnections() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.healthy(Duration.ZERO));
         RawHttp connection = RawHttp.connect(fleet.agents().get(0).url(), CLIENT_TIMEOUT)) {
      assertEquals(200, connection.get(true).readAnswer().status());

      // When
      fleet.agents().get(0).setBehaviour(Behaviour.down());

      // Then
      assertEquals(-1, connection.read());
      assertThrows(ConnectException.class, () -> get(fleet, CLIENT_TIMEOUT));
    }
  }

  @Test
  void hungAgentNeverAnswers() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.hung())) {
      // When
      long start = System.nanoTime();
      assertThrows(HttpTimeoutException.class, () -> get(fleet, Duration.ofSeconds(1)));

      // Then: it read the request, and the client gave up at its own timeout
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_000);
      awaitRequests(fleet.agents().get(0), 1);
    }
  }

  @Test
  void degradedAgentSaysSo() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.degraded(Duration.ofMillis(50)))) {
      // When
      HttpResponse<String> response = get(fleet, CLIENT_TIMEOUT);

      // Then
      assertEquals(200, response.statusCode());
      assertEquals("{\"status\":\"degraded\"}", response.body());
    }
  }

  @Test
  void emptyOkAnswersEveryRequestOnOneConnection() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.emptyOk());
         RawHttp connection = RawHttp.connect(fleet.agents().get(0).url(), CLIENT_TIMEOUT)) {
      // When
      List<RawHttp.Answer> answers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        answers.add(connection.get(true).readAnswer());
      }

      // Then
      for (RawHttp.Answer answer : answers) {
        assertEquals(200, answer.status());
        assertEquals("0", answer.head().headers().get("content-length"));
        assertEquals("", answer.body());
      }
      assertEquals(1, fleet.agents().get(0).connectionsAccepted());
    }
  }

  @Test
  void closingAgentClosesWithoutAResponse() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.closesWithoutResponse());
         RawHttp connection = RawHttp.connect(fleet.agents().get(0).url(), CLIENT_TIMEOUT)) {
      // When
      connection.get(true);

      // Then
      assertEquals(-1, connection.read());
      assertEquals(1, fleet.agents().get(0).requests());
      assertEquals(1, fleet.agents().get(0).connectionsAccepted());
    }
  }

  @Test
  void noContentGzipAnswers204WithoutABody() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.noContentGzip());
         RawHttp connection = RawHttp.connect(fleet.agents().get(0).url(), CLIENT_TIMEOUT)) {
      // When
      RawHttp.Head first = connection.get(true).readHead();
      RawHttp.Head second = connection.get(true).readHead();

      // Then: no body bytes came between the two heads
      assertEquals(204, first.status());
      assertEquals("gzip", first.headers().get("content-encoding"));
      assertFalse(first.headers().containsKey("content-length"));
      assertEquals(204, second.status());
    }
  }

  @Test
  void redirectLoopPointsAtItself() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.redirectLoop())) {
      // When
      HttpResponse<String> response = get(fleet, CLIENT_TIMEOUT);

      // Then
      assertEquals(302, response.statusCode());
      assertEquals(fleet.agents().get(0).url(), response.headers().firstValue("location").orElseThrow());
    }
  }

  @Test
  void statusAgentAnswersItsCodeAndBody() throws Exception {
    // Given
    try (SimulatedFleet fleet = fleetOf(Behaviour.status(503, "{\"status\":\"maintenance\"}"))) {
      // When
      HttpResponse<String> response = get(fleet, CLIENT_TIMEOUT);

      // Then
      assertEquals(503, response.statusCode());
      assertEquals("{\"status\":\"maintenance\"}", response.body());
    }
  }

  @Test
  void arrivalsCarryTheFleetsClock() throws Exception {
    // Given
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    FleetOptions options = FleetOptions.defaults().withClock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    try (SimulatedFleet fleet = SimulatedFleet.start(List.of(AgentSpec.of("a", Behaviour.healthy(Duration.ZERO))), options)) {
      // When
      get(fleet, CLIENT_TIMEOUT);
      get(fleet, CLIENT_TIMEOUT);

      // Then
      List<Arrival> arrivals = fleet.agent("a").arrivals();
      assertEquals(2, arrivals.size());
      assertEquals(now, arrivals.get(0).at());
      assertTrue(arrivals.get(1).nanoTime() >= arrivals.get(0).nanoTime());
    }
  }

  static SimulatedFleet fleetOf(Behaviour behaviour) {
    return SimulatedFleet.start(List.of(AgentSpec.of("agent", behaviour, "search")));
  }

  static HttpResponse<String> get(SimulatedFleet fleet, Duration timeout) throws IOException, InterruptedException {
    return get(fleet.agents().get(0).url(), timeout);
  }

  static HttpResponse<String> getUrl(String url) throws IOException, InterruptedException {
    return get(url, CLIENT_TIMEOUT);
  }

  private static HttpResponse<String> get(String url, Duration timeout) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static List<Integer> expectedStatuses(Behaviour behaviour, int n) {
    List<Integer> statuses = new ArrayList<>();
    Request request = new Request("GET", "/health", "HTTP/1.1", java.util.Map.of());
    for (int i = 0; i < n; i++) {
      Reply reply = behaviour.reply(new RequestContext("http://x/health", i, false, Duration.ZERO, request));
      statuses.add(((Reply.Send) reply).response().status());
    }
    return statuses;
  }

  static void awaitRequests(SimulatedAgent agent, long n) {
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.requests() >= n);
  }
}
