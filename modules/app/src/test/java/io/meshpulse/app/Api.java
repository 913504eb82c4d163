package io.meshpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of one query API instance on loopback, as a user with curl would see it. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final int port;

  Api(int port) {
    this.port = port;
  }

  /** One answer: status, Retry-After (or null) and the JSON body. */
  record Answer(int status, String retryAfter, JsonNode body) {

    boolean ok() {
      return status == 200;
    }
  }

  Answer get(String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
          JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + request.uri(), e);
    }
  }

  /** The agent named {@code name} in a {@code /api/mesh/health} or {@code /api/agents} answer; fails when it is not there. */
  static JsonNode agentIn(JsonNode answer, String name) {
    for (JsonNode agent : answer.isArray() ? answer : answer.path("agents")) {
      if (name.equals(agent.path("name").asText())) {
        return agent;
      }
    }
    throw new AssertionError("no agent " + name + " in " + answer);
  }
}
