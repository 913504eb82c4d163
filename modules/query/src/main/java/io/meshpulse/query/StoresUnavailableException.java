package io.meshpulse.query;

/**
 * The answer cannot be known right now: Kafka Streams is rebalancing or restoring, or the
 * instance that owns the data did not answer. The API says 503 with Retry-After rather than
 * answer from partial state.
 */
public final class StoresUnavailableException extends RuntimeException {

  public StoresUnavailableException(String message) {
    super(message);
  }

  public StoresUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
