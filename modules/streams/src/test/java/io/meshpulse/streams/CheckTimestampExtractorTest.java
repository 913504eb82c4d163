package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CheckTimestampExtractorTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private final CheckTimestampExtractor extractor = new CheckTimestampExtractor(Duration.ofMinutes(1), InstantSource.fixed(NOW));

  private static ConsumerRecord<Object, Object> record(Object value) {
    return new ConsumerRecord<>("checks", 0, 0, "a", value);
  }

  @Test
  void eventTimeIsTheCheckTime() {
    Instant at = NOW.minusSeconds(30);

    assertEquals(at.toEpochMilli(), extractor.extract(record(Checks.check("a", HEALTHY, at)), 5));
  }

  @Test
  void checkFromTheFutureGetsThePartitionTimeInstead() {
    long partitionTime = NOW.minusSeconds(10).toEpochMilli();

    assertEquals(partitionTime, extractor.extract(record(Checks.check("a", HEALTHY, NOW.plusSeconds(61))), partitionTime));
    assertEquals(0, extractor.extract(record(Checks.check("a", HEALTHY, NOW.plusSeconds(61))), -1));
  }

  @Test
  void recordWithoutUsableTimeNeverGetsANegativeTimestamp() {
    assertEquals(0, extractor.extract(record(null), -1));
    assertEquals(0, extractor.extract(record(Checks.check("a", HEALTHY, Instant.ofEpochMilli(-5))), -1));
  }
}
