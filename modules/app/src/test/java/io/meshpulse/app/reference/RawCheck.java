package io.meshpulse.app.reference;

import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.serde.MeshSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One record of the checks topic as read back: where it is, its key, and its check — null for a
 * tombstone or for bytes that are not a check ({@code unreadable}). The topic's contract is the Avro
 * schema, so reading it with the schema's serde is what any consumer would do.
 */
public record RawCheck(int partition, long offset, String key, HealthCheckResult check, boolean unreadable) {

  /** The records in partition and offset order, the order each stream task reads them in. */
  public static List<RawCheck> decode(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(RawCheck::of)
        .sorted(Comparator.comparingInt(RawCheck::partition).thenComparingLong(RawCheck::offset))
        .toList();
  }

  private static RawCheck of(ConsumerRecord<byte[], byte[]> r) {
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      return new RawCheck(r.partition(), r.offset(), key, null, false);
    }
    try {
      return new RawCheck(r.partition(), r.offset(), key, MeshSerdes.checkResult().decode(r.value()), false);
    } catch (SerializationException e) {
      return new RawCheck(r.partition(), r.offset(), key, null, true);
    }
  }
}
