package io.meshpulse.streams;

import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.time.InstantSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a check: its {@code checked_at}, the prober's clock at the start of the check.
 *
 * <p><b>Future-stamped checks.</b> A prober with a clock far ahead would, with its first check,
 * push stream time into the future: every window of every agent in the task would close early
 * and all honest checks would be late. So a check stamped more than {@code maxFutureSkew} ahead
 * of this instance's wall clock does not get its own time: it gets the partition's stream time
 * so far ({@code partitionTime}, or 0 before the partition has one), which moves nothing. The
 * record still flows on, and the admission step, seeing {@code checked_at} ahead of the record's
 * timestamp, sends it to the dead-letter topic with reason {@code future-timestamp}: clamped here,
 * never admitted, never lost.
 *
 * <p>The same fallback serves a record whose value cannot give a time (a tombstone, or a check
 * stamped before 1970): Kafka Streams would drop a record with a negative timestamp without
 * telling the dead-letter topic, so the extractor never returns one and the admission step
 * refuses the record instead.
 */
public final class CheckTimestampExtractor implements TimestampExtractor {

  private final long maxFutureSkewMs;
  private final InstantSource clock;

  public CheckTimestampExtractor(Duration maxFutureSkew, InstantSource clock) {
    this.maxFutureSkewMs = maxFutureSkew.toMillis();
    this.clock = clock;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof HealthCheckResult check) {
      long checkedAt = check.getCheckedAt().toEpochMilli();
      if (checkedAt >= 0 && checkedAt <= clock.millis() + maxFutureSkewMs) {
        return checkedAt;
      }
    }
    return Math.max(partitionTime, 0);
  }
}
