package io.meshpulse.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the Streams application for the part of an answer it owns, over its
 * internal endpoints. An instance that does not answer makes the whole answer unavailable (503),
 * never silently partial.
 */
final class RemoteInstances {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json;

  RemoteInstances(ObjectMapper json) {
    this.json = json;
  }

  /** What went wrong, for a person: the JDK's connect and timeout exceptions often carry no message. */
  private static String reason(IOException e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause.getMessage() != null) {
      return cause.getMessage();
    }
    return cause instanceof ConnectException ? "cannot connect" : cause.getClass().getSimpleName();
  }

  /** The decoded body, or null on 404. */
  <T> T get(HostInfo host, String pathAndQuery, TypeReference<T> type) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        return null;
      }
      if (response.statusCode() != 200) {
        throw new StoresUnavailableException(uri + " answered " + response.statusCode());
      }
      return json.readValue(response.body(), type);
    } catch (IOException e) {
      throw new StoresUnavailableException("instance " + host.host() + ":" + host.port() + " did not answer: "
          + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoresUnavailableException("interrupted while asking " + uri, e);
    }
  }
}
