package io.meshpulse.streams;

/**
 * An expected rejection of a check by the admission step: the processing exception handler
 * sends the raw record to the dead-letter topic with the reason and goes on. Carries no stack
 * trace: it is data, not a failure.
 */
final class CheckRejectedException extends RuntimeException {

  private final transient DeadLetterReason reason;

  CheckRejectedException(DeadLetterReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  DeadLetterReason reason() {
    return reason;
  }
}
