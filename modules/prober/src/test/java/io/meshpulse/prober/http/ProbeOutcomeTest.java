package io.meshpulse.prober.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.meshpulse.schema.FailureKind;
import org.junit.jupiter.api.Test;

class ProbeOutcomeTest {

  private static final long MS = 1_000_000;
  private static final ProbeFailure TIMEOUT = new ProbeFailure(FailureKind.TIMEOUT, "timeout after 2000 ms");

  @Test
  void responseTimeRunsFromSendingNotFromTheStart() {
    ProbeOutcome o = new ProbeOutcome(new HttpReply(200, null, null, null, false), null, 0, 1_000 * MS,
        1_300 * MS, 1_400 * MS, 1_450 * MS, 1);

    assertEquals(150.0, o.responseTimeMs(), 1e-9);
    assertEquals(300.0, o.beforeSendMs(), 1e-9);
    assertEquals(100.0, o.firstByteMs(), 1e-9);
  }

  @Test
  void neverSentCountsFromTheStart() {
    ProbeOutcome o = new ProbeOutcome(null, TIMEOUT, 0, 1_000 * MS, 0, 0, 3_000 * MS, 1);

    assertEquals(2_000.0, o.responseTimeMs(), 1e-9);
    assertEquals(2_000.0, o.beforeSendMs(), 1e-9);
    assertNull(o.firstByteMs());
    assertNull(o.httpStatus());
  }

  @Test
  void headThatArrivedBeforeATimeoutKeepsItsStatus() {
    ProbeOutcome o = new ProbeOutcome(null, TIMEOUT, 200, 0, 5 * MS, 10 * MS, 2_000 * MS, 1);

    assertEquals(200, o.httpStatus());
    assertEquals(5.0, o.firstByteMs(), 1e-9);
  }
}
