package io.meshpulse.prober.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.meshpulse.embedded.AgentSpec;
import io.meshpulse.embedded.Behaviour;
import io.meshpulse.embedded.SimulatedFleet;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credentials in an agent's URL go as HTTP Basic auth to that agent, and to no other host. */
class BasicAuthIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpProber prober = new HttpProber(HttpSettings.defaults());
  private SimulatedFleet fleet;

  @AfterEach
  void close() {
    prober.close();
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void credentialsInTheUrlAreSentAsBasicAuth() throws Exception {
    // Given
    fleet = SimulatedFleet.start(List.of(AgentSpec.of("secured", Behaviour.basicAuth("svc", "p@ss:word"))));

    // When
    ProbeOutcome outcome = probe(withUserInfo(fleet.agent("secured").url(), "svc:p%40ss:word"));

    // Then
    assertNull(outcome.failure(), () -> "failed: " + outcome.failure());
    assertEquals(200, outcome.httpStatus());
  }

  @Test
  void withoutCredentialsTheSameAgentSaysUnauthorized() throws Exception {
    // Given
    fleet = SimulatedFleet.start(List.of(AgentSpec.of("secured", Behaviour.basicAuth("svc", "secret"))));

    // When
    ProbeOutcome outcome = probe(URI.create(fleet.agent("secured").url()));

    // Then
    assertEquals(401, outcome.httpStatus());
  }

  @Test
  void aRedirectToAnotherHostDoesNotCarryTheCredentials() throws Exception {
    // Given: each agent has a loopback address of its own, so the redirect crosses hosts
    fleet = SimulatedFleet.start(List.of(
        AgentSpec.of("secured", Behaviour.basicAuth("svc", "secret")),
        AgentSpec.of("front", Behaviour.healthy(Duration.ZERO))));
    fleet.agent("front").setBehaviour(Behaviour.redirectTo(fleet.agent("secured").url()));

    // When
    ProbeOutcome outcome = probe(withUserInfo(fleet.agent("front").url(), "svc:secret"));

    // Then
    assertEquals(401, outcome.httpStatus());
  }

  private ProbeOutcome probe(URI uri) throws Exception {
    return prober.probe(uri, TIMEOUT).get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
  }

  private static URI withUserInfo(String url, String userInfo) {
    return URI.create(url.replaceFirst("://", "://" + userInfo + "@"));
  }
}
