package io.meshpulse.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestParserTest {

  private final RequestParser parser = new RequestParser();

  @Test
  void headSplitAcrossReadsIsParsedOnceComplete() throws Exception {
    // Given
    feed("GET /health HTTP/1.1\r\nHost: a\r");

    // When
    Optional<Request> early = parser.next();
    feed("\n\r\n");
    Request request = parser.next().orElseThrow();

    // Then
    assertTrue(early.isEmpty());
    assertEquals("GET", request.method());
    assertEquals("/health", request.target());
    assertEquals("a", request.header("HOST").orElseThrow());
    assertTrue(request.keepAlive());
  }

  @Test
  void pipelinedRequestsWaitTheirTurn() throws Exception {
    // Given
    feed("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n");

    // When
    Request first = parser.next().orElseThrow();
    Request second = parser.next().orElseThrow();

    // Then
    assertEquals("/a", first.target());
    assertEquals("/b", second.target());
    assertFalse(second.keepAlive());
    assertFalse(parser.hasBufferedBytes());
  }

  @Test
  void requestBodyIsSkipped() throws Exception {
    // Given
    feed("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n");

    // When
    parser.next().orElseThrow();
    Request next = parser.next().orElseThrow();

    // Then
    assertEquals("/b", next.target());
  }

  @Test
  void http10ClosesUnlessAskedToKeepAlive() throws Exception {
    // Given
    feed("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");

    // When
    Request plain = parser.next().orElseThrow();
    Request keepAlive = parser.next().orElseThrow();

    // Then
    assertFalse(plain.keepAlive());
    assertTrue(keepAlive.keepAlive());
  }

  @Test
  void garbageIsMalformed() {
    // Given
    assertThrows(MalformedRequestException.class, () -> {
      feed("HELLO\r\n\r\n");

      // When
      parser.next();
    });
  }

  @Test
  void tlsHandshakeIsMalformedBeforeItsEnd() throws Exception {
    // Given: the first bytes of a TLS ClientHello record, no line break in sight
    parser.feed(ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc}));

    // When / Then
    assertThrows(MalformedRequestException.class, () -> parser.next());
  }

  @Test
  void methodArrivingByteByByteIsNotMalformed() throws Exception {
    // Given
    feed("GE");

    // When / Then
    assertTrue(parser.next().isEmpty());
  }

  @Test
  void tooMuchUnansweredInputIsRefused() {
    // Given
    byte[] big = new byte[RequestParser.MAX_BUFFERED + 1];

    // When / Then
    assertThrows(MalformedRequestException.class, () -> parser.feed(ByteBuffer.wrap(big)));
  }

  private void feed(String s) throws MalformedRequestException {
    parser.feed(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
  }
}
