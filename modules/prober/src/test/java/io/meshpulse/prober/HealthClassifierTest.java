package io.meshpulse.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshpulse.prober.http.HttpReply;
import io.meshpulse.prober.http.ProbeFailure;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class HealthClassifierTest {

  private static final HealthRules RULES = HealthRules.defaults(Duration.ofSeconds(1));

  private static HttpReply json(int status, String body) {
    return new HttpReply(status, "application/json", null, body.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void okStatusWithoutBodyIsHealthy() {
    Verdict v = HealthClassifier.classify(new HttpReply(204, null, "gzip", null, false), 12, RULES);

    assertEquals(AgentHealth.HEALTHY, v.health());
    assertNull(v.error());
    assertNull(v.kind());
  }

  @Test
  void serverErrorIsUnhealthyWithItsStatus() {
    Verdict v = HealthClassifier.classify(json(503, "{\"status\":\"down\"}"), 12, RULES);

    assertEquals(AgentHealth.UNHEALTHY, v.health());
    assertEquals(FailureKind.HTTP_STATUS, v.kind());
    assertTrue(v.error().startsWith("HTTP 503"), v.error());
  }

  @Test
  void degradedBodyStatusIsDegraded() {
    Verdict v = HealthClassifier.classify(json(200, "{\"version\":\"1.2\",\"status\":\"Degraded\"}"), 12, RULES);

    assertEquals(AgentHealth.DEGRADED, v.health());
    assertEquals(FailureKind.BODY, v.kind());
  }

  @Test
  void bodySayingDownIsUnhealthyDespite200() {
    Verdict v = HealthClassifier.classify(json(200, "{\"status\":\"DOWN\"}"), 12, RULES);

    assertEquals(AgentHealth.UNHEALTHY, v.health());
    assertEquals(FailureKind.BODY, v.kind());
  }

  @Test
  void unknownStatusWordLeavesTheVerdictToTheCode() {
    Verdict v = HealthClassifier.classify(json(200, "{\"status\":\"banana\"}"), 12, RULES);

    assertEquals(AgentHealth.HEALTHY, v.health());
  }

  @Test
  void nestedStatusFieldIsNotTheAgentsStatus() {
    Verdict v = HealthClassifier.classify(json(200, "{\"checks\":{\"db\":{\"status\":\"down\"}},\"status\":\"up\"}"), 5,
        RULES);

    assertEquals(AgentHealth.HEALTHY, v.health());
  }

  @Test
  void slowSuccessIsDegradedByLatency() {
    Verdict v = HealthClassifier.classify(json(200, "{\"status\":\"ok\"}"), 1500, RULES);

    assertEquals(AgentHealth.DEGRADED, v.health());
    assertEquals(FailureKind.LATENCY, v.kind());
    assertTrue(v.error().contains("1500 ms"), v.error());
  }

  @Test
  void expectedStatusOverridesTheDefault2xx() {
    HealthRules only204 = new HealthRules(Set.of(204), null, HealthRules.DEFAULT_STATUS_WORDS);

    assertEquals(AgentHealth.UNHEALTHY, HealthClassifier.classify(json(200, "{}"), 1, only204).health());
    assertEquals(AgentHealth.HEALTHY,
        HealthClassifier.classify(new HttpReply(204, null, null, null, false), 1, only204).health());
  }

  @Test
  void bodyCutAtTheCapIsJudgedByStatusCode() {
    HttpReply cut = new HttpReply(200, "application/json", null, "{\"items\":[1,2,3".getBytes(StandardCharsets.UTF_8), true);

    assertEquals(AgentHealth.HEALTHY, HealthClassifier.classify(cut, 3, RULES).health());
  }

  @Test
  void gzipBodyIsDecodedForItsStatusWord() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write("{\"status\":\"warn\"}".getBytes(StandardCharsets.UTF_8));
    }
    HttpReply reply = new HttpReply(200, "application/json", "gzip", zipped.toByteArray(), false);

    assertEquals(AgentHealth.DEGRADED, HealthClassifier.classify(reply, 3, RULES).health());
  }

  @Test
  void bodyStatusUpIsHealthy() {
    Verdict v = HealthClassifier.classify(json(200, "{\"status\":\"UP\",\"components\":{}}"), 12, RULES);

    assertEquals(AgentHealth.HEALTHY, v.health());
    assertNull(v.kind());
  }

  @Test
  void plainTextBodyLeavesTheVerdictToTheCode() {
    HttpReply text = new HttpReply(200, "text/plain", null, "OK".getBytes(StandardCharsets.UTF_8), false);

    assertEquals(AgentHealth.HEALTHY, HealthClassifier.classify(text, 3, RULES).health());
  }

  @Test
  void statusOutside2xxIsUnhealthyByDefault() {
    Verdict v = HealthClassifier.classify(new HttpReply(304, null, null, null, false), 3, RULES);

    assertEquals(AgentHealth.UNHEALTHY, v.health());
    assertEquals(FailureKind.HTTP_STATUS, v.kind());
    assertEquals("HTTP 304", v.error());
  }

  @Test
  void latencyAtTheThresholdIsStillHealthy() {
    assertEquals(AgentHealth.HEALTHY, HealthClassifier.classify(json(200, "{}"), 1000, RULES).health());
  }

  @Test
  void noThresholdMeansNoLatencyRule() {
    HealthRules noThreshold = new HealthRules(Set.of(), null, HealthRules.DEFAULT_STATUS_WORDS);

    assertEquals(AgentHealth.HEALTHY, HealthClassifier.classify(json(200, "{}"), 60_000, noThreshold).health());
  }

  @Test
  void slowBodySayingDownIsUnhealthyNotDegraded() {
    Verdict v = HealthClassifier.classify(json(200, "{\"status\":\"fail\"}"), 5_000, RULES);

    assertEquals(AgentHealth.UNHEALTHY, v.health());
    assertEquals(FailureKind.BODY, v.kind());
  }

  @Test
  void transportFailureKeepsItsKindAndMessage() {
    ProbeOutcome refused = new ProbeOutcome(null, new ProbeFailure(FailureKind.CONNECT, "connection refused"), 0, 0, 0, 0,
        1_000_000, 1);

    Verdict v = HealthClassifier.classify(refused, RULES);

    assertEquals(AgentHealth.UNHEALTHY, v.health());
    assertEquals(FailureKind.CONNECT, v.kind());
    assertEquals("connection refused", v.error());
  }
}
