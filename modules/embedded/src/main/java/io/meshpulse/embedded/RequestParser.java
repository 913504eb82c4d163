package io.meshpulse.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads HTTP/1.x request heads from the bytes of one connection: the request line and headers up to
 * {@code \r\n\r\n}. A body announced by {@code Content-Length} is skipped; pipelined requests stay
 * buffered until asked for.
 */
final class RequestParser {

  /** Bytes a client may send ahead of the answers it waits for. */
  static final int MAX_BUFFERED = 64 * 1024;
  private static final int MAX_HEAD = 16 * 1024;

  private byte[] buf = new byte[512];
  private int start;
  private int end;
  private int scanFrom;
  private long bodyToSkip;

  /** Appends the readable bytes of {@code src}. */
  void feed(ByteBuffer src) throws MalformedRequestException {
    skipBody();
    if (end - start + src.remaining() > MAX_BUFFERED) {
      throw new MalformedRequestException("more than " + MAX_BUFFERED + " bytes sent ahead of the answers");
    }
    ensureRoom(src.remaining());
    int n = src.remaining();
    src.get(buf, end, n);
    end += n;
    skipBody();
  }

  /** The next complete request head, or empty while more bytes are needed. */
  Optional<Request> next() throws MalformedRequestException {
    skipBody();
    skipLeadingLineBreaks();
    requireMethodSoFar();
    int headEnd = findHeadEnd();
    if (headEnd < 0) {
      if (end - start > MAX_HEAD) {
        throw new MalformedRequestException("request head longer than " + MAX_HEAD + " bytes");
      }
      return Optional.empty();
    }
    String head = new String(buf, start, headEnd - start, StandardCharsets.ISO_8859_1);
    start = headEnd + 4;
    scanFrom = start;
    Request request = parse(head);
    bodyToSkip = contentLength(request);
    skipBody();
    return Optional.of(request);
  }

  boolean hasBufferedBytes() {
    return end > start;
  }

  /** Forgets everything received so far. */
  void discardAll() {
    start = 0;
    end = 0;
    scanFrom = 0;
    bodyToSkip = 0;
  }

  private static Request parse(String head) throws MalformedRequestException {
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
      throw new MalformedRequestException("not an HTTP/1.x request line: '" + printable(lines[0]) + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new MalformedRequestException("not a header line: '" + printable(lines[i]) + "'");
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.merge(name, lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
    }
    return new Request(requestLine[0], requestLine[1], requestLine[2], headers);
  }

  private static long contentLength(Request request) throws MalformedRequestException {
    if (request.header("transfer-encoding").isPresent()) {
      throw new MalformedRequestException("request bodies with Transfer-Encoding are not supported");
    }
    String length = request.header("content-length").orElse("0");
    try {
      long n = Long.parseLong(length);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new MalformedRequestException("bad Content-Length '" + printable(length) + "'");
    }
  }

  private int findHeadEnd() {
    for (int i = Math.max(start, scanFrom - 3); i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        return i;
      }
    }
    scanFrom = end;
    return -1;
  }

  /**
   * Rejects a request whose first bytes cannot start a method token, as real servers do at once:
   * a TLS handshake sent to this plain-HTTP agent gets its 400 now, not after a head that never ends.
   */
  private void requireMethodSoFar() throws MalformedRequestException {
    for (int i = start; i < end && buf[i] != ' '; i++) {
      if (!isTokenChar(buf[i])) {
        throw new MalformedRequestException(String.format(Locale.ROOT,
            "not an HTTP request: byte 0x%02x in the method", buf[i] & 0xff));
      }
    }
  }

  /** RFC 9110 {@code tchar}. */
  private static boolean isTokenChar(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(b) >= 0;
  }

  private void skipLeadingLineBreaks() {
    while (start < end && (buf[start] == '\r' || buf[start] == '\n')) {
      start++;
    }
    scanFrom = Math.max(scanFrom, start);
  }

  private void skipBody() {
    int n = (int) Math.min(bodyToSkip, end - start);
    start += n;
    bodyToSkip -= n;
    scanFrom = Math.max(scanFrom, start);
    if (start == end) {
      start = 0;
      end = 0;
      scanFrom = 0;
    }
  }

  private void ensureRoom(int more) {
    if (end + more <= buf.length) {
      return;
    }
    int length = end - start;
    byte[] target = length + more <= buf.length ? buf : new byte[Math.max(buf.length * 2, length + more)];
    System.arraycopy(buf, start, target, 0, length);
    scanFrom = Math.max(0, scanFrom - start);
    buf = target;
    start = 0;
    end = length;
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
