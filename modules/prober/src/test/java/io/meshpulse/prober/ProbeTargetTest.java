package io.meshpulse.prober;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.meshpulse.schema.AgentCard;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTargetTest {

  private static AgentCard.Builder card(String url) {
    return AgentCard.newBuilder().setName("a").setUrl(url).setCapabilities(List.of()).setLabels(Map.of());
  }

  @Test
  void cardOverridesTheDefaults() {
    ProbeTarget target = ProbeTarget.of(card("http://127.0.0.1:1/health").setTimeoutMs(250L).setIntervalMs(30_000L)
        .setDegradedAfterMs(100L).build(), ProberConfig.defaults());

    assertEquals(Duration.ofMillis(250), target.timeout());
    assertEquals(Duration.ofSeconds(30), target.interval());
    assertEquals(Duration.ofMillis(100), target.rules().degradedAfter());
  }

  @Test
  void credentialsNeverLeaveTheTarget() {
    ProbeTarget target = ProbeTarget.of(card("https://svc:s3cret@example.com:8443/health?x=1").build(),
        ProberConfig.defaults());

    assertFalse(target.safeUrl().contains("s3cret"), target.safeUrl());
    assertEquals("https://***@example.com:8443/health?x=1", target.safeUrl());
    assertEquals(URI.create("https://svc:s3cret@example.com:8443/health?x=1"), target.uri());
  }

  @Test
  void relativeUrlIsRejectedNamingTheAgent() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProbeTarget.of(card("/health").build(), ProberConfig.defaults()));

    assertEquals("agent a: url must be an absolute http(s) URL, got '/health'", e.getMessage());
  }
}
