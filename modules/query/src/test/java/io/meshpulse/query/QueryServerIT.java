package io.meshpulse.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.StreamsApp;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one place errors become status codes, over real HTTP: while the stores cannot answer
 * (the service is starting, Kafka Streams is not RUNNING) the API says 503 with Retry-After.
 * No broker is needed: Kafka Streams is created but never started.
 */
class QueryServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private QueryServer server;
  private KafkaStreams streams;

  @TempDir
  Path stateDir;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    if (streams != null) {
      streams.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void apiAnswers503WithRetryAfterWhileTheServiceIsStarting() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/api/mesh/health");

    // Then
    assertEquals(503, response.statusCode());
    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    assertTrue(json(response).path("error").asText().contains("starting"), response.body());
  }

  @Test
  void apiAnswers503WithRetryAfterWhileKafkaStreamsIsNotRunning() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);
    streams = notStartedStreams();
    server.serve(new MeshQueries(streams, new QueryTiming(Duration.ofMinutes(1), Duration.ofHours(1),
        Clock.systemUTC()), HostInfo.unavailable(), Json.mapper()), streams);

    // When
    HttpResponse<String> response = get("/api/agents/billing");

    // Then
    assertEquals(503, response.statusCode());
    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    assertEquals("Kafka Streams is CREATED; try again shortly", json(response).path("error").asText());
  }

  @Test
  void routeWithoutACapabilityIsABadRequestNamingTheParameter() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/api/route");

    // Then
    assertEquals(400, response.statusCode());
    assertTrue(json(response).path("error").asText().contains("'capability' is required"), response.body());
  }

  @Test
  void serviceIsAliveWhileStarting() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/healthz");

    // Then
    assertEquals(200, response.statusCode());
    assertEquals("STARTING", json(response).path("streams").asText());
  }

  @Test
  void statusPageIsServedAtTheRoot() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/");

    // Then
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("/api/mesh/health"), "the page reads the mesh health endpoint");
  }

  @Test
  void statusPageRightAlignsTheHeadersOfItsNumberColumns() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    String page = get("/").body();

    // Then
    assertTrue(page.contains("td.num, th.num { text-align: right;"), "number cells and headers align right");
    for (String header : List.of("healthy", "degraded", "unhealthy", "unknown", "total", "response ms")) {
      assertTrue(page.contains("<th class=\"num\">" + header + "</th>"), header + " is right-aligned");
    }
  }

  @Test
  void unknownPathIsNotFoundInJson() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/api/nothing-here");

    // Then
    assertEquals(404, response.statusCode());
    assertJsonError(response, "not found: GET /api/nothing-here");
  }

  @Test
  void aPathJettyRejectsIsABadRequestInJson() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = get("/api/agents/%00");

    // Then
    assertEquals(400, response.statusCode());
    assertTrue(json(response).path("error").isTextual(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
  }

  @Test
  void aWrongMethodIsAnErrorInJson() throws Exception {
    // Given
    server = QueryServer.listen(metrics(), "127.0.0.1", 0);

    // When
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/agents"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());

    // Then
    assertTrue(response.statusCode() == 404 || response.statusCode() == 405, response::toString);
    assertTrue(json(response).path("error").isTextual(), response.body());
  }

  private static void assertJsonError(HttpResponse<String> response, String error) throws Exception {
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals(error, json(response).path("error").asText(), response.body());
  }

  private KafkaStreams notStartedStreams() {
    TopologyConfig config = TopologyConfig.defaults();
    return new KafkaStreams(HealthTopology.build(config), StreamsApp.streamsConfig("query-server-it",
        "127.0.0.1:9", config, Map.of(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static PrometheusMeterRegistry metrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }
}
