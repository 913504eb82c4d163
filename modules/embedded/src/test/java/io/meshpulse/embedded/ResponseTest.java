package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseTest {

  private static final Request KEEP_ALIVE = new Request("GET", "/health", "HTTP/1.1", Map.of());
  private static final Request CLOSE = new Request("GET", "/health", "HTTP/1.1", Map.of("connection", "close"));

  @Test
  void jsonResponseCarriesItsLength() {
    // When
    String wire = text(Response.json(200, "{\"status\":\"ok\"}").encode(KEEP_ALIVE));

    // Then
    assertEquals("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"ok\"}", wire);
  }

  @Test
  void noContentHasNoLength() {
    // When
    String wire = text(Response.empty(204).withHeader("Content-Encoding", "gzip").encode(KEEP_ALIVE));

    // Then
    assertEquals("HTTP/1.1 204 No Content\r\nContent-Encoding: gzip\r\n\r\n", wire);
  }

  @Test
  void closingRequestGetsConnectionClose() {
    // When
    String wire = text(Response.empty(200).encode(CLOSE));

    // Then
    assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", wire);
  }

  private static String text(java.nio.ByteBuffer b) {
    return StandardCharsets.ISO_8859_1.decode(b).toString();
  }
}
