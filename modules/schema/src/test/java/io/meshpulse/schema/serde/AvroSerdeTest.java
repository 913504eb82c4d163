package io.meshpulse.schema.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import io.meshpulse.schema.HealthCheckResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static HealthCheckResult timedOutCheck() {
    return HealthCheckResult.newBuilder()
        .setAgent("billing-agent")
        .setUrl("http://127.0.0.1:8080/health")
        .setHealth(AgentHealth.UNHEALTHY)
        .setResponseTimeMs(1000.4)
        .setError("timeout after 1000 ms")
        .setFailureKind(FailureKind.TIMEOUT)
        .setCheckedAt(Instant.ofEpochMilli(1_700_000_000_123L))
        .setProberId("prober-1")
        .setRoundId(7)
        .setTimeoutMs(1000)
        .build();
  }

  @Test
  void recordSurvivesTheRoundTrip() {
    AvroSerde<HealthCheckResult> serde = MeshSerdes.checkResult();
    HealthCheckResult check = timedOutCheck();

    HealthCheckResult read = serde.decode(serde.encode(check));

    assertEquals(check, read);
  }

  @Test
  void messageCarriesTheSingleObjectHeader() {
    byte[] bytes = MeshSerdes.checkResult().encode(timedOutCheck());

    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
  }

  @Test
  void nullIsATombstoneBothWays() {
    AvroSerde<HealthCheckResult> serde = MeshSerdes.checkResult();

    assertNull(serde.encode(null));
    assertNull(serde.decode(null));
  }

  @Test
  void garbageFailsWithAMessageNamingTheType() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> MeshSerdes.checkResult().decode(new byte[] {1, 2, 3, 4}));

    assertTrue(e.getMessage().contains("HealthCheckResult"), e.getMessage());
  }

  @Test
  void unknownWriterSchemaFailsRatherThanMisreading() {
    Schema older = olderCheckSchema();
    byte[] bytes = encodeWithOlderSchema(older);

    assertThrows(SerializationException.class, () -> MeshSerdes.checkResult().decode(bytes));
  }

  @Test
  void olderWriterSchemaIsResolvedWithDefaults() {
    Schema older = olderCheckSchema();
    byte[] bytes = encodeWithOlderSchema(older);

    HealthCheckResult read = AvroSerde.of(HealthCheckResult.class, older).decode(bytes);

    assertEquals("billing-agent", read.getAgent());
    assertEquals(1, read.getAttempts());
    assertEquals(0.0, read.getQueuedMs());
    assertNull(read.getFirstByteMs());
  }

  private static byte[] encodeWithOlderSchema(Schema older) {
    GenericRecord record = new GenericData.Record(older);
    record.put("agent", "billing-agent");
    record.put("url", "http://127.0.0.1:8080/health");
    record.put("health", new GenericData.EnumSymbol(older.getField("health").schema(), "HEALTHY"));
    record.put("response_time_ms", 12.5);
    record.put("checked_at", 1_700_000_000_000L);
    record.put("prober_id", "prober-0");
    record.put("round_id", 1L);
    record.put("timeout_ms", 5000L);
    try {
      return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(record).array();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Schema olderCheckSchema() {
    try (InputStream in = AvroSerdeTest.class.getResourceAsStream("/HealthCheckResult-v0.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
