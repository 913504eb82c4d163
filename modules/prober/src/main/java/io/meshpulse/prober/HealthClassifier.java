package io.meshpulse.prober;

import io.meshpulse.prober.http.HttpReply;
import io.meshpulse.prober.http.ProbeOutcome;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.FailureKind;

/**
 * Decides the health of one check from what the transport saw: a failure is UNHEALTHY with its
 * kind; an unexpected status is UNHEALTHY; a JSON body's status word can make an expected
 * status DEGRADED or UNHEALTHY; a response slower than the degraded threshold is DEGRADED.
 */
public final class HealthClassifier {

  private HealthClassifier() {}

  public static Verdict classify(ProbeOutcome outcome, HealthRules rules) {
    if (outcome.failure() != null) {
      return Verdict.unhealthy(outcome.failure().message(), outcome.failure().kind());
    }
    return classify(outcome.reply(), outcome.responseTimeMs(), rules);
  }

  static Verdict classify(HttpReply reply, double responseTimeMs, HealthRules rules) {
    if (!rules.statusExpected(reply.status())) {
      return Verdict.unhealthy("HTTP " + reply.status() + statusWordSuffix(reply), FailureKind.HTTP_STATUS);
    }
    String word = BodyStatus.statusWord(reply);
    AgentHealth said = rules.healthOfWord(word);
    if (said == AgentHealth.UNHEALTHY) {
      return Verdict.unhealthy("body status '" + word + "'", FailureKind.BODY);
    }
    if (said == AgentHealth.DEGRADED) {
      return Verdict.degraded("body status '" + word + "'", FailureKind.BODY);
    }
    if (rules.degradedAfter() != null && responseTimeMs > rules.degradedAfter().toMillis()) {
      return Verdict.degraded(String.format(java.util.Locale.ROOT, "slow: %.0f ms > %d ms",
          responseTimeMs, rules.degradedAfter().toMillis()), FailureKind.LATENCY);
    }
    return Verdict.healthy();
  }

  private static String statusWordSuffix(HttpReply reply) {
    String word = BodyStatus.statusWord(reply);
    return word == null ? "" : " (body status '" + word + "')";
  }
}
