package io.meshpulse.embedded;

import java.time.Duration;
import java.util.Objects;

/** What a simulated agent does with one request: the vocabulary every {@link Behaviour} is written in. */
public sealed interface Reply {

  /** Writes {@code response} after {@code delay}; the connection then serves the next request unless the client asked to close. */
  record Send(Duration delay, Response response) implements Reply {

    public Send {
      Arguments.requireNotNegative("delay", delay);
      Objects.requireNonNull(response, "response");
    }
  }

  /** Writes {@code head} at once, then one body byte every {@code every}, forever. */
  record Drip(Response head, Duration every) implements Reply {

    public Drip {
      Objects.requireNonNull(head, "head");
      Arguments.requirePositive("every", every);
    }
  }

  /**
   * Writes {@code head} (which must say {@code Transfer-Encoding: chunked}) at once, then a chunked body of
   * {@code bytes} bytes as fast as the client reads it, never holding more than one chunk.
   */
  record Stream(Response head, long bytes) implements Reply {

    public Stream {
      Objects.requireNonNull(head, "head");
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes: must not be negative, got " + bytes);
      }
    }
  }

  /** Closes the connection without writing: a FIN, or an RST when {@code reset}. */
  record Close(boolean reset) implements Reply {}

  /** Never answers: keeps the connection open and discards whatever else the client sends. */
  record Silence() implements Reply {}
}
