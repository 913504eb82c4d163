package io.meshpulse.prober;

import io.meshpulse.schema.AgentHealth;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What counts as healthy for one agent.
 *
 * @param expectedStatus HTTP statuses that count as success; empty means any 2xx
 * @param degradedAfter  a successful response slower than this is DEGRADED; null disables the rule
 * @param bodyStatusWords values of a JSON body's {@code status} field (lower case) and the health each means;
 *     a value not listed leaves the verdict to the status code
 */
public record HealthRules(Set<Integer> expectedStatus, Duration degradedAfter, Map<String, AgentHealth> bodyStatusWords) {

  /** Words used by Spring Boot actuator, the IETF health-check draft, Kubernetes-style and ad-hoc endpoints. */
  public static final Map<String, AgentHealth> DEFAULT_STATUS_WORDS = Map.ofEntries(
      Map.entry("ok", AgentHealth.HEALTHY), Map.entry("up", AgentHealth.HEALTHY),
      Map.entry("healthy", AgentHealth.HEALTHY), Map.entry("pass", AgentHealth.HEALTHY),
      Map.entry("green", AgentHealth.HEALTHY), Map.entry("serving", AgentHealth.HEALTHY),
      Map.entry("degraded", AgentHealth.DEGRADED), Map.entry("warn", AgentHealth.DEGRADED),
      Map.entry("warning", AgentHealth.DEGRADED), Map.entry("yellow", AgentHealth.DEGRADED),
      Map.entry("down", AgentHealth.UNHEALTHY), Map.entry("fail", AgentHealth.UNHEALTHY),
      Map.entry("error", AgentHealth.UNHEALTHY), Map.entry("unhealthy", AgentHealth.UNHEALTHY),
      Map.entry("red", AgentHealth.UNHEALTHY), Map.entry("critical", AgentHealth.UNHEALTHY),
      Map.entry("out_of_service", AgentHealth.UNHEALTHY), Map.entry("not_serving", AgentHealth.UNHEALTHY));

  public HealthRules {
    expectedStatus = Set.copyOf(expectedStatus);
    bodyStatusWords = Map.copyOf(bodyStatusWords);
  }

  public static HealthRules defaults(Duration degradedAfter) {
    return new HealthRules(Set.of(), degradedAfter, DEFAULT_STATUS_WORDS);
  }

  public boolean statusExpected(int status) {
    return expectedStatus.isEmpty() ? status >= 200 && status < 300 : expectedStatus.contains(status);
  }

  /** The health a body's status word means, or null when the word says nothing we know. */
  public AgentHealth healthOfWord(String word) {
    return word == null ? null : bodyStatusWords.get(word.trim().toLowerCase(Locale.ROOT));
  }
}
