package io.meshpulse.app;

/**
 * Kafka could not be reached, or refused what meshpulse needs of it: an outage or a setting to
 * check, not a bug, so it is reported in one line without a stack trace (exit code 3).
 */
final class KafkaUnavailableException extends RuntimeException {

  KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
