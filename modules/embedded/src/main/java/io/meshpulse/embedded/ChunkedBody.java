package io.meshpulse.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The chunks of a large chunked body, produced one at a time as the socket accepts them: a body of any
 * size costs one shared read-only chunk, never the whole body.
 */
final class ChunkedBody {

  static final int CHUNK = 16 * 1024;
  private static final ByteBuffer FULL_CHUNK = chunk(CHUNK, true);
  private static final ByteBuffer LAST_CHUNK = ascii("0\r\n\r\n", true);

  private long remaining;
  private boolean finished;

  ChunkedBody(long bytes) {
    this.remaining = bytes;
  }

  /** The next bytes to write, or {@code null} once the terminating chunk was handed out. */
  ByteBuffer next() {
    if (finished) {
      return null;
    }
    if (remaining == 0) {
      finished = true;
      return LAST_CHUNK.duplicate();
    }
    if (remaining >= CHUNK) {
      remaining -= CHUNK;
      return FULL_CHUNK.duplicate();
    }
    int size = (int) remaining;
    remaining = 0;
    return chunk(size, false);
  }

  private static ByteBuffer chunk(int size, boolean shared) {
    byte[] prefix = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = shared ? ByteBuffer.allocateDirect(prefix.length + size + 2) : ByteBuffer.allocate(prefix.length + size + 2);
    b.put(prefix);
    for (int i = 0; i < size; i++) {
      b.put((byte) 'x');
    }
    b.put((byte) '\r').put((byte) '\n').flip();
    return shared ? b.asReadOnlyBuffer() : b;
  }

  private static ByteBuffer ascii(String s, boolean shared) {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    return shared ? b.asReadOnlyBuffer() : b;
  }
}
