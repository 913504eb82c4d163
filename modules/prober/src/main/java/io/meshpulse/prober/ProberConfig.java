package io.meshpulse.prober;

import io.meshpulse.prober.http.HttpSettings;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the prober runs. Built from a map of the keys below (as given on the command line or in
 * a file), each optional; a bad value fails fast naming its key.
 *
 * <ul>
 *   <li>{@code prober-id}: names this instance in results (default host name and pid)
 *   <li>{@code interval}: start-to-start time of rounds (default 10s, at most {@link #MAX_INTERVAL})
 *   <li>{@code timeout}: default per-check timeout (default 5s, at most {@link #MAX_TIMEOUT})
 *   <li>{@code jitter}: checks of a round start spread over this window, by a stable offset per
 *       agent (default 0: all at once; use up to the interval for large fleets)
 *   <li>{@code max-concurrency}: checks in flight at once (default 10000); a check waiting for a
 *       slot is not timed and its wait is reported as queued time
 *   <li>{@code max-connecting}: checks opening a new connection at once (default 256); the others
 *       wait for their turn untimed, and that wait is queued time too
 *   <li>{@code degraded-after}: a slower successful response is DEGRADED (default 1s, at most
 *       {@link #MAX_TIMEOUT})
 *   <li>{@code body-cap}: bytes of a body read at most (default 65536)
 *   <li>{@code max-redirects}: redirects followed (default 5)
 *   <li>{@code dns-ttl}: how long a resolved name is reused (default 30s)
 * </ul>
 */
public record ProberConfig(String proberId, Duration interval, Duration timeout, Duration jitter, int maxConcurrency,
    Duration degradedAfter, HttpSettings http) {

  private static final Set<String> KEYS = Set.of("prober-id", "interval", "timeout", "jitter", "max-concurrency",
      "max-connecting", "degraded-after", "body-cap", "max-redirects", "dns-ttl");

  /** The longest check deadline (and degraded-after): a health check slower than this says nothing useful. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  /** The longest round interval: an agent checked less than daily is not monitored. */
  public static final Duration MAX_INTERVAL = Duration.ofDays(1);

  public ProberConfig {
    Durations.requirePositive("interval", interval, MAX_INTERVAL);
    Durations.requirePositive("timeout", timeout, MAX_TIMEOUT);
    Durations.requirePositive("degraded-after", degradedAfter, MAX_TIMEOUT);
    if (jitter.isNegative() || jitter.compareTo(interval) > 0) {
      throw new ConfigException("jitter", "must be between 0 and the interval (" + Durations.format(interval) + ")");
    }
    if (maxConcurrency < 1) {
      throw new ConfigException("max-concurrency", "must be at least 1, got " + maxConcurrency);
    }
    if (proberId == null || proberId.isBlank()) {
      throw new ConfigException("prober-id", "must not be blank");
    }
  }

  public static ProberConfig defaults() {
    return fromMap(Map.of());
  }

  public static ProberConfig fromMap(Map<String, String> values) {
    values.keySet().stream().filter(k -> !KEYS.contains(k)).findFirst().ifPresent(k -> {
      throw new ConfigException(k, "unknown prober setting; known: " + String.join(", ", KEYS.stream().sorted().toList()));
    });
    // checked here, naming the key: HttpSettings would throw a plain exception
    requireAtLeast(values, "max-connecting", 1);
    requireAtLeast(values, "body-cap", 1);
    requireAtLeast(values, "max-redirects", 0);
    HttpSettings defaults = HttpSettings.defaults();
    int concurrency = integer(values, "max-concurrency", 10_000);
    HttpSettings http = new HttpSettings(
        Math.max(concurrency, 1) + 16,
        integer(values, "max-connecting", defaults.maxConnecting()),
        integer(values, "body-cap", defaults.bodyCapBytes()),
        integer(values, "max-redirects", defaults.maxRedirects()),
        duration(values, "dns-ttl", defaults.dnsTtl(), Durations.MAX),
        defaults.idleEviction(),
        defaults.ioThreads());
    return new ProberConfig(
        values.getOrDefault("prober-id", defaultProberId()),
        positiveDuration(values, "interval", Duration.ofSeconds(10), MAX_INTERVAL),
        positiveDuration(values, "timeout", Duration.ofSeconds(5), MAX_TIMEOUT),
        duration(values, "jitter", Duration.ZERO, MAX_INTERVAL),
        concurrency,
        positiveDuration(values, "degraded-after", Duration.ofSeconds(1), MAX_TIMEOUT),
        http);
  }

  public ProberConfig withInterval(Duration newInterval) {
    return new ProberConfig(proberId, newInterval, timeout, jitter, maxConcurrency, degradedAfter, http);
  }

  public ProberConfig withJitter(Duration newJitter) {
    return new ProberConfig(proberId, interval, timeout, newJitter, maxConcurrency, degradedAfter, http);
  }

  private static Duration duration(Map<String, String> values, String key, Duration fallback, Duration max) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    if (text.trim().equals("0")) {
      return Duration.ZERO;
    }
    return Durations.parse(key, text, max);
  }

  /** As {@link #duration}, for a setting that must be positive: a zero is refused as the user wrote it. */
  private static Duration positiveDuration(Map<String, String> values, String key, Duration fallback, Duration max) {
    Duration d = duration(values, key, fallback, max);
    if (d.isZero()) {
      throw Durations.notPositive(key, values.get(key).trim());
    }
    return d;
  }

  private static int integer(Map<String, String> values, String key, int fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a whole number, got '" + text + "'");
    }
  }

  private static void requireAtLeast(Map<String, String> values, String key, int min) {
    int value = integer(values, key, min);
    if (value < min) {
      throw new ConfigException(key, "must be at least " + min + ", got " + value);
    }
  }

  private static String defaultProberId() {
    return ManagementFactory.getRuntimeMXBean().getName(); // pid@host
  }
}
