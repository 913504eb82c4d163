package io.meshpulse.prober;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshpulse.prober.http.HttpReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads the top-level {@code status} field of a JSON health body, if there is one. Streams
 * the (already capped) body and stops at the field, so a large body costs little; a body that is
 * not JSON, or cut at the cap before the field, simply has no status word.
 */
final class BodyStatus {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Decompressed bytes read at most, so a small compressed body cannot expand without bound. */
  private static final int MAX_INFLATED = 1024 * 1024;

  private BodyStatus() {}

  static String statusWord(HttpReply reply) {
    if (!reply.hasBody() || !looksLikeJson(reply)) {
      return null;
    }
    try (JsonParser parser = parser(reply)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("status".equalsIgnoreCase(field) && value == JsonToken.VALUE_STRING) {
          return parser.getText();
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null; // not JSON, or cut at the cap: the status code decides
    }
  }

  private static boolean looksLikeJson(HttpReply reply) {
    String type = reply.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).contains("json")) {
      return true;
    }
    for (byte b : reply.body()) {
      if (!Character.isWhitespace(b)) {
        return b == '{';
      }
    }
    return false;
  }

  /** A plain body is parsed in place (it is capped already); a compressed one through a bounded inflater. */
  private static JsonParser parser(HttpReply reply) throws IOException {
    String encoding = reply.contentEncoding() == null ? "" : reply.contentEncoding().trim().toLowerCase(Locale.ROOT);
    InputStream raw = new ByteArrayInputStream(reply.body());
    InputStream decoded = switch (encoding) {
      case "gzip", "x-gzip" -> new GZIPInputStream(raw);
      case "deflate" -> new InflaterInputStream(raw);
      default -> null;
    };
    return decoded == null ? JSON.getFactory().createParser(reply.body())
        : JSON.getFactory().createParser(new BoundedInputStream(decoded, MAX_INFLATED));
  }

  private static final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
