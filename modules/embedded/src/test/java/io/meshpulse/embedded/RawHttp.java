package io.meshpulse.embedded;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A blocking HTTP/1.1 client on one socket, for tests that look at what happens on the wire: connection
 * reuse, EOF versus reset, bytes as they arrive. Not thread-safe.
 */
final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String host;

  private RawHttp(Socket socket, String host) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.host = host;
  }

  /** Connects to the host and port of {@code url}; reads time out after {@code readTimeout}. */
  static RawHttp connect(String url, Duration readTimeout) throws IOException {
    URI uri = URI.create(url);
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.setTcpNoDelay(true);
    return new RawHttp(socket, uri.getHost() + ":" + uri.getPort());
  }

  /** Sends {@code GET /health}, asking to keep the connection or to close it. */
  RawHttp get(boolean keepAlive) throws IOException {
    String request = "GET /health HTTP/1.1\r\nHost: " + host + "\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  /** Reads a status line and headers. */
  Head readHead() throws IOException {
    String[] lines = readUntilBlankLine().split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new Head(status, headers);
  }

  /** Reads a whole response with a {@code Content-Length} body, or none. */
  Answer readAnswer() throws IOException {
    Head head = readHead();
    int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
    return new Answer(head, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }

  /** Decodes a chunked body, handing each chunk's size to {@code sink}; returns the body's length. */
  long readChunkedBody(java.util.function.LongConsumer sink) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (true) {
      int size = Integer.parseInt(readLine(), 16);
      if (size == 0) {
        readLine();
        return total;
      }
      for (int left = size; left > 0; ) {
        int n = in.read(buffer, 0, Math.min(left, buffer.length));
        if (n < 0) {
          throw new EOFException("body ended inside a chunk");
        }
        left -= n;
      }
      readLine();
      total += size;
      sink.accept(total);
    }
  }

  /** One byte, or -1 at end of stream. */
  int read() throws IOException {
    return in.read();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String readUntilBlankLine() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after " + head.size() + " bytes of a response head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed inside a line");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  record Head(int status, Map<String, String> headers) {}

  record Answer(Head head, String body) {
    int status() {
      return head.status();
    }
  }
}
