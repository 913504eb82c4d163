package io.meshpulse.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP/1.1 response a simulated agent writes. Unless a header already frames the body
 * ({@code Content-Length}, {@code Transfer-Encoding}) or the status has no body (1xx, 204, 304),
 * {@code Content-Length} is added when encoding.
 *
 * @param body written as UTF-8
 */
public record Response(int status, List<Header> headers, String body) {

  /** One response header, written as given. */
  public record Header(String name, String value) {

    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public Response {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: must be 100..599, got " + status);
    }
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** A response with a JSON body. */
  public static Response json(int status, String json) {
    return new Response(status, List.of(new Header("Content-Type", "application/json")), json);
  }

  /** A response without a body. */
  public static Response empty(int status) {
    return new Response(status, List.of(), "");
  }

  public Response withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers);
    more.add(new Header(name, value));
    return new Response(status, more, body);
  }

  /** The bytes to write in answer to {@code request}, which decides whether the connection stays open. */
  ByteBuffer encode(Request request) {
    return encode(request.keepAlive(), "HTTP/1.0".equals(request.version()));
  }

  /** The bytes to write before closing the connection. */
  ByteBuffer encodeClosing() {
    return encode(false, false);
  }

  private ByteBuffer encode(boolean keepAlive, boolean announceKeepAlive) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(128)
        .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    for (Header h : headers) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (needsContentLength()) {
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    } else if (announceKeepAlive) {
      head.append("Connection: keep-alive\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(headBytes.length + content.length).put(headBytes).put(content).flip();
  }

  private boolean needsContentLength() {
    boolean noBody = status < 200 || status == 204 || status == 304;
    return !noBody && headers.stream().map(h -> h.name().toLowerCase(Locale.ROOT))
        .noneMatch(n -> n.equals("content-length") || n.equals("transfer-encoding"));
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 302 -> "Found";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Status " + status;
    };
  }
}
