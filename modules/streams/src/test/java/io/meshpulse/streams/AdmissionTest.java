package io.meshpulse.streams;

import static io.meshpulse.schema.AgentHealth.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {

  private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  private static final long NOW = T.toEpochMilli();
  private final Admission admission = Admission.of(TopologyConfig.defaults()); // 1m tumbling, 10s grace, 1m skew

  private Optional<DeadLetterReason> judge(String key, HealthCheckResult check, long streamTime) {
    long ts = check == null ? 0 : check.getCheckedAt().toEpochMilli();
    return admission.judge(key, check, ts, NOW, streamTime).map(Admission.Rejection::reason);
  }

  @Test
  void validCheckIsAdmitted() {
    assertTrue(judge("a", Checks.check("a", HEALTHY, T.minusSeconds(5)), NOW).isEmpty());
  }

  @Test
  void invalidRecordsAreRefusedWithTheirReason() {
    HealthCheckResult ok = Checks.check("a", HEALTHY, T);
    assertEquals(Optional.of(DeadLetterReason.INVALID_KEY), judge(null, ok, -1));
    assertEquals(Optional.of(DeadLetterReason.INVALID_KEY), judge("b", ok, -1));
    assertEquals(Optional.of(DeadLetterReason.INVALID_VALUE), judge("a", null, -1));
    assertEquals(Optional.of(DeadLetterReason.INVALID_VALUE),
        judge("a", HealthCheckResult.newBuilder(ok).setResponseTimeMs(-1).build(), -1));
    assertEquals(Optional.of(DeadLetterReason.INVALID_VALUE),
        judge("a", HealthCheckResult.newBuilder(ok).setHealth(AgentHealth.UNKNOWN).build(), -1));
  }

  @Test
  void checkStampedBeyondTheSkewIsFromTheFuture() {
    assertTrue(judge("a", Checks.check("a", HEALTHY, T.plusSeconds(60)), -1).isEmpty());
    assertEquals(Optional.of(DeadLetterReason.FUTURE_TIMESTAMP), judge("a", Checks.check("a", HEALTHY, T.plusSeconds(61)), -1));
  }

  @Test
  void checkWhoseTimestampTheExtractorClampedIsFromTheFuture() {
    HealthCheckResult check = Checks.check("a", HEALTHY, T);

    assertEquals(DeadLetterReason.FUTURE_TIMESTAMP,
        admission.judge("a", check, NOW - 1, NOW, -1).orElseThrow().reason());
  }

  @Test
  void checkIsLateOnceItsLastWindowEndPlusGraceIsReached() {
    HealthCheckResult check = Checks.check("a", HEALTHY, T.minusSeconds(90)); // window [-120s, -60s), closes at -50s
    long closes = T.minusSeconds(50).toEpochMilli();

    assertTrue(judge("a", check, closes - 1).isEmpty());
    Admission.Rejection late = admission.judge("a", check, check.getCheckedAt().toEpochMilli(), NOW, closes).orElseThrow();
    assertEquals(DeadLetterReason.LATE, late.reason());
    assertTrue(late.detail().contains("agent=a") && late.detail().contains("check time=" + check.getCheckedAt())
        && late.detail().contains("stream time=" + Instant.ofEpochMilli(closes)), late.detail());
  }

  @Test
  void withHoppingWindowsACheckIsLateOnceItsEarliestWindowHasClosed() {
    Admission hopping = Admission.of(TopologyConfig.fromMap(Map.of(
        TopologyConfig.WINDOW_SIZE, "1m", TopologyConfig.WINDOW_ADVANCE, "20s", TopologyConfig.WINDOW_GRACE, "0s")));
    HealthCheckResult check = Checks.check("a", HEALTHY, T.plusSeconds(5)); // windows [-40s, 20s), [-20s, 40s), [0s, 60s)
    long ts = check.getCheckedAt().toEpochMilli();

    assertEquals(T.plusSeconds(20).toEpochMilli(), hopping.earliestWindowEnd(ts));
    assertTrue(hopping.judge("a", check, ts, NOW, T.plusSeconds(20).toEpochMilli() - 1).isEmpty());
    assertEquals(DeadLetterReason.LATE,
        hopping.judge("a", check, ts, NOW, T.plusSeconds(20).toEpochMilli()).orElseThrow().reason());
  }

  @Test
  void noWindowStartsBeforeTheEpoch() {
    Admission hopping = Admission.of(TopologyConfig.fromMap(Map.of(
        TopologyConfig.WINDOW_SIZE, "1m", TopologyConfig.WINDOW_ADVANCE, "20s")));

    assertEquals(Duration.ofMinutes(1).toMillis(), hopping.earliestWindowEnd(5_000));
  }
}
