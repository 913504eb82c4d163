package io.meshpulse.streams;

/** Why a record went to the dead-letter topic: the value of the {@link DeadLetters#REASON} header. */
public enum DeadLetterReason {

  /** The key or value could not be deserialized. */
  UNDESERIALIZABLE("undeserializable"),
  /** The key is missing or differs from the check's agent. */
  INVALID_KEY("invalid-key"),
  /** The value breaks the contract: a tombstone, a negative response time, no health, a time before 1970. */
  INVALID_VALUE("invalid-value"),
  /** The check is stamped more than the allowed skew ahead of the wall clock. */
  FUTURE_TIMESTAMP("future-timestamp"),
  /** The check is too late for every window it belongs to. */
  LATE("late"),
  /** An unexpected exception while processing the record (a bug, or a broken record nobody foresaw). */
  PROCESSING_ERROR("processing-error");

  private final String code;

  DeadLetterReason(String code) {
    this.code = code;
  }

  /** The header value. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
