package io.meshpulse.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of one HTTP/1.x request a simulated agent received.
 *
 * @param headers header names in lower case; repeated headers joined with {@code ", "}
 */
public record Request(String method, String target, String version, Map<String, String> headers) {

  public Request {
    headers = Map.copyOf(headers);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** HTTP/1.1 keeps the connection unless {@code Connection: close}; HTTP/1.0 closes it unless {@code Connection: keep-alive}. */
  public boolean keepAlive() {
    String connection = header("connection").orElse("").toLowerCase(Locale.ROOT);
    if ("HTTP/1.0".equals(version)) {
      return connection.contains("keep-alive");
    }
    return !connection.contains("close");
  }
}
