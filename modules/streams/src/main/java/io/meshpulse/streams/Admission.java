package io.meshpulse.streams;

import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a check may enter the topology, and if not, why. Pure: it judges one record
 * against the wall clock and the stream time of the checks admitted so far.
 *
 * <p>Refused, in this order: a missing key or one that differs from the check's agent
 * ({@code invalid-key}); a tombstone, a negative or non-finite response time, a health other than
 * HEALTHY/DEGRADED/UNHEALTHY, a check time before 1970 ({@code invalid-value}); a check stamped more
 * than {@code maxFutureSkew} ahead of the wall clock, or whose timestamp the
 * {@link CheckTimestampExtractor} had to clamp ({@code future-timestamp}); a check whose earliest
 * window ends, plus grace, at or before the stream time ({@code late}).
 *
 * <p><b>Late means late for any of its windows.</b> With hopping windows a check can be too late
 * for its earliest window and in time for a later one. Kafka Streams' windowed aggregation would
 * add it to the open windows and skip the closed one (a WARN and its {@code dropped-records}
 * metric, no dead letter); worse, that aggregation does not keep its stream time across a restart,
 * so after a crash it would add such a check to the closed window it has already emitted. A check
 * is therefore admitted whole or not at all: the windows stay exact and crash-safe, and a refused
 * check is on the dead-letter topic, never silently lost. With tumbling windows (the default) the
 * earliest window is the only one.
 */
public record Admission(Duration windowSize, Duration windowAdvance, Duration grace, Duration maxFutureSkew) {

  /** A refused check. */
  public record Rejection(DeadLetterReason reason, String detail) {}

  public static Admission of(TopologyConfig config) {
    return new Admission(config.windowSize(), config.windowAdvance(), config.windowGrace(), config.maxFutureSkew());
  }

  /**
   * @param recordTimestamp the timestamp Kafka Streams gave the record (its extracted event time)
   * @param nowMs the wall clock
   * @param streamTime the highest timestamp among the checks admitted so far; negative when none
   */
  public Optional<Rejection> judge(String key, HealthCheckResult check, long recordTimestamp, long nowMs, long streamTime) {
    return invalid(key, check)
        .or(() -> future(check, recordTimestamp, nowMs))
        .or(() -> late(key, check, streamTime));
  }

  /**
   * End of the earliest window that contains {@code timestampMs}, where Kafka Streams' {@code TimeWindows}
   * put it: windows start at multiples of the advance, none before the epoch.
   */
  public long earliestWindowEnd(long timestampMs) {
    long advance = windowAdvance.toMillis();
    long size = windowSize.toMillis();
    return Math.max(0, timestampMs - size + advance) / advance * advance + size;
  }

  private static Optional<Rejection> invalid(String key, HealthCheckResult check) {
    if (key == null || key.isEmpty()) {
      return reject(DeadLetterReason.INVALID_KEY, "missing key");
    }
    if (check == null) {
      return reject(DeadLetterReason.INVALID_VALUE, "no value (a tombstone on the checks topic) for key '" + key + "'");
    }
    if (!key.equals(check.getAgent())) {
      return reject(DeadLetterReason.INVALID_KEY, "key '" + key + "' differs from agent '" + check.getAgent() + "'");
    }
    double ms = check.getResponseTimeMs();
    if (!(ms >= 0) || Double.isInfinite(ms)) {
      return reject(DeadLetterReason.INVALID_VALUE, "agent=" + key + " response_time_ms=" + ms + " is not a time >= 0");
    }
    if (!HealthOrder.isCheckable(check.getHealth())) {
      return reject(DeadLetterReason.INVALID_VALUE, "agent=" + key + " health=" + check.getHealth()
          + " (a check is HEALTHY, DEGRADED or UNHEALTHY)");
    }
    if (check.getCheckedAt().isBefore(Instant.EPOCH)) {
      return reject(DeadLetterReason.INVALID_VALUE, "agent=" + key + " checked_at=" + check.getCheckedAt() + " is before 1970");
    }
    return Optional.empty();
  }

  private Optional<Rejection> future(HealthCheckResult check, long recordTimestamp, long nowMs) {
    long checkedAt = check.getCheckedAt().toEpochMilli();
    if (checkedAt > nowMs + maxFutureSkew.toMillis() || checkedAt > recordTimestamp) {
      return reject(DeadLetterReason.FUTURE_TIMESTAMP, "agent=" + check.getAgent() + " checked_at=" + check.getCheckedAt()
          + " is " + Duration.ofMillis(checkedAt - nowMs) + " ahead of the wall clock " + Instant.ofEpochMilli(nowMs)
          + " (max skew " + maxFutureSkew + ")");
    }
    return Optional.empty();
  }

  private Optional<Rejection> late(String key, HealthCheckResult check, long streamTime) {
    long checkedAt = check.getCheckedAt().toEpochMilli();
    long closedAt = earliestWindowEnd(checkedAt) + grace.toMillis();
    if (streamTime >= 0 && closedAt <= streamTime) {
      return reject(DeadLetterReason.LATE, "agent=" + key + " check time=" + check.getCheckedAt()
          + " stream time=" + Instant.ofEpochMilli(streamTime) + " (its window closed at "
          + Instant.ofEpochMilli(closedAt) + ")");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(DeadLetterReason reason, String detail) {
    return Optional.of(new Rejection(reason, detail));
  }
}
