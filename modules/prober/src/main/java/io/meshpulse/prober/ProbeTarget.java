package io.meshpulse.prober;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.SafeUrls;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;

/**
 * One agent as the prober checks it: its card resolved against the prober's defaults.
 *
 * @param safeUrl the URL with any credentials removed, for results and logs
 */
public record ProbeTarget(String name, URI uri, String safeUrl, Duration timeout, Duration interval, HealthRules rules) {

  /**
   * @throws IllegalArgumentException naming the agent when its URL is not an absolute http(s) URL
   */
  public static ProbeTarget of(AgentCard card, ProberConfig config) {
    URI uri = parseUrl(card.getName(), card.getUrl());
    Duration timeout = card.getTimeoutMs() == null ? config.timeout() : Duration.ofMillis(card.getTimeoutMs());
    Duration interval = card.getIntervalMs() == null ? config.interval() : Duration.ofMillis(card.getIntervalMs());
    Duration degradedAfter = card.getDegradedAfterMs() == null
        ? config.degradedAfter() : Duration.ofMillis(card.getDegradedAfterMs());
    HealthRules rules = new HealthRules(new HashSet<>(card.getExpectedStatus()), degradedAfter,
        HealthRules.DEFAULT_STATUS_WORDS);
    return new ProbeTarget(card.getName(), uri, redact(uri), timeout, interval, rules);
  }

  static URI parseUrl(String agent, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "agent " + agent + ": url must be an absolute http(s) URL, got '" + SafeUrls.redact(url) + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("agent " + agent + ": url is not a valid URL: " + SafeUrls.redact(e.getInput()), e);
    }
  }

  /** The URL without user info, so credentials never reach a topic or a log. */
  public static String redact(URI uri) {
    return SafeUrls.redact(uri.toString());
  }
}
