package io.meshpulse.streams;

import io.meshpulse.schema.Topics;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the health topology needs to know, validated when built. Every component has a default;
 * {@link #fromMap} reads the keys below (durations as {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}):
 *
 * <table>
 *   <caption>keys and defaults</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code topics.prefix}</td><td>{@code meshpulse.}</td><td>prefix of every topic name</td></tr>
 *   <tr><td>{@code window.size}</td><td>1m</td><td>length of a statistics window</td></tr>
 *   <tr><td>{@code window.advance}</td><td>= window.size</td><td>hop between window starts (= size: tumbling)</td></tr>
 *   <tr><td>{@code window.grace}</td><td>10s</td><td>how long after its end a window still takes late checks</td></tr>
 *   <tr><td>{@code window.retention}</td><td>1h</td><td>how long the windowed store keeps a window (≥ size + grace)</td></tr>
 *   <tr><td>{@code status.unhealthy-after}</td><td>3</td><td>N: consecutive worse checks before the status worsens</td></tr>
 *   <tr><td>{@code status.healthy-after}</td><td>2</td><td>M: consecutive better checks before the status improves</td></tr>
 *   <tr><td>{@code status.default-interval}</td><td>10s</td><td>the prober's check interval, for agents whose card sets none</td></tr>
 *   <tr><td>{@code status.unknown-after-missed-intervals}</td><td>3</td><td>intervals without a check before an agent turns UNKNOWN</td></tr>
 *   <tr><td>{@code status.unknown-scan-every}</td><td>1s</td><td>wall-clock period of the scan for silent agents</td></tr>
 *   <tr><td>{@code admission.max-future-skew}</td><td>1m</td><td>how far ahead of the wall clock a check may be stamped</td></tr>
 *   <tr><td>{@code sketch.relative-accuracy}</td><td>0.005</td><td>DDSketch relative accuracy of the latency percentiles</td></tr>
 * </table>
 *
 * <p>Unknown keys are refused, so a misspelt key fails at start-up rather than being ignored.
 */
public record TopologyConfig(
    Topics topics,
    Duration windowSize,
    Duration windowAdvance,
    Duration windowGrace,
    Duration windowRetention,
    int unhealthyAfter,
    int healthyAfter,
    Duration defaultInterval,
    int unknownAfterMissedIntervals,
    Duration unknownScanEvery,
    Duration maxFutureSkew,
    double sketchRelativeAccuracy) {

  public static final String TOPICS_PREFIX = "topics.prefix";
  public static final String WINDOW_SIZE = "window.size";
  public static final String WINDOW_ADVANCE = "window.advance";
  public static final String WINDOW_GRACE = "window.grace";
  public static final String WINDOW_RETENTION = "window.retention";
  public static final String UNHEALTHY_AFTER = "status.unhealthy-after";
  public static final String HEALTHY_AFTER = "status.healthy-after";
  public static final String DEFAULT_INTERVAL = "status.default-interval";
  public static final String UNKNOWN_AFTER_MISSED_INTERVALS = "status.unknown-after-missed-intervals";
  public static final String UNKNOWN_SCAN_EVERY = "status.unknown-scan-every";
  public static final String MAX_FUTURE_SKEW = "admission.max-future-skew";
  public static final String SKETCH_RELATIVE_ACCURACY = "sketch.relative-accuracy";

  /** Every key {@link #fromMap} understands. */
  public static final Set<String> KEYS = Set.of(TOPICS_PREFIX, WINDOW_SIZE, WINDOW_ADVANCE, WINDOW_GRACE,
      WINDOW_RETENTION, UNHEALTHY_AFTER, HEALTHY_AFTER, DEFAULT_INTERVAL, UNKNOWN_AFTER_MISSED_INTERVALS,
      UNKNOWN_SCAN_EVERY, MAX_FUTURE_SKEW, SKETCH_RELATIVE_ACCURACY);

  private static final Duration DEFAULT_WINDOW_SIZE = Duration.ofMinutes(1);

  /** Validates every component; the exception names the key the value is read from. */
  public TopologyConfig {
    if (topics == null) {
      throw new ConfigException(TOPICS_PREFIX, "must be given");
    }
    positive(WINDOW_SIZE, windowSize);
    positive(WINDOW_ADVANCE, windowAdvance);
    if (windowAdvance.compareTo(windowSize) > 0) {
      throw new ConfigException(WINDOW_ADVANCE, "must not exceed " + WINDOW_SIZE + " (" + Durations.format(windowSize)
          + "), got " + Durations.format(windowAdvance));
    }
    notNegative(WINDOW_GRACE, windowGrace);
    positive(WINDOW_RETENTION, windowRetention);
    if (windowRetention.compareTo(windowSize.plus(windowGrace)) < 0) {
      throw new ConfigException(WINDOW_RETENTION, "must be at least " + WINDOW_SIZE + " + " + WINDOW_GRACE + " ("
          + Durations.format(windowSize.plus(windowGrace)) + "), got " + Durations.format(windowRetention));
    }
    atLeastOne(UNHEALTHY_AFTER, unhealthyAfter);
    atLeastOne(HEALTHY_AFTER, healthyAfter);
    positive(DEFAULT_INTERVAL, defaultInterval);
    atLeastOne(UNKNOWN_AFTER_MISSED_INTERVALS, unknownAfterMissedIntervals);
    positive(UNKNOWN_SCAN_EVERY, unknownScanEvery);
    notNegative(MAX_FUTURE_SKEW, maxFutureSkew);
    if (!(sketchRelativeAccuracy > 0 && sketchRelativeAccuracy < 1)) {
      throw new ConfigException(SKETCH_RELATIVE_ACCURACY, "must be between 0 and 1 (exclusive), got " + sketchRelativeAccuracy);
    }
  }

  /** Every default. */
  public static TopologyConfig defaults() {
    return fromMap(Map.of());
  }

  /**
   * Reads the keys listed in the class comment; absent keys take their defaults.
   *
   * @throws ConfigException naming the key whose value is missing, malformed or out of range, or that is unknown
   */
  public static TopologyConfig fromMap(Map<String, String> values) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.iterator().next(), "unknown key; known keys are " + new TreeSet<>(KEYS));
    }
    Duration size = positiveDuration(values, WINDOW_SIZE, DEFAULT_WINDOW_SIZE);
    return new TopologyConfig(
        topics(values.getOrDefault(TOPICS_PREFIX, Topics.DEFAULT_PREFIX)),
        size,
        positiveDuration(values, WINDOW_ADVANCE, size),
        duration(values, WINDOW_GRACE, Duration.ofSeconds(10)),
        positiveDuration(values, WINDOW_RETENTION, Duration.ofHours(1)),
        integer(values, UNHEALTHY_AFTER, 3),
        integer(values, HEALTHY_AFTER, 2),
        positiveDuration(values, DEFAULT_INTERVAL, Duration.ofSeconds(10)),
        integer(values, UNKNOWN_AFTER_MISSED_INTERVALS, 3),
        positiveDuration(values, UNKNOWN_SCAN_EVERY, Duration.ofSeconds(1)),
        duration(values, MAX_FUTURE_SKEW, Duration.ofMinutes(1)),
        decimal(values, SKETCH_RELATIVE_ACCURACY, 0.005));
  }

  /** This configuration with some keys changed, validated again. */
  public TopologyConfig with(Map<String, String> changes) {
    Map<String, String> all = new HashMap<>(toMap());
    all.putAll(changes);
    return fromMap(all);
  }

  /** The keys {@link #fromMap} reads back as this configuration. */
  public Map<String, String> toMap() {
    Map<String, String> m = new HashMap<>();
    m.put(TOPICS_PREFIX, topics.prefix());
    m.put(WINDOW_SIZE, Durations.format(windowSize));
    m.put(WINDOW_ADVANCE, Durations.format(windowAdvance));
    m.put(WINDOW_GRACE, Durations.format(windowGrace));
    m.put(WINDOW_RETENTION, Durations.format(windowRetention));
    m.put(UNHEALTHY_AFTER, Integer.toString(unhealthyAfter));
    m.put(HEALTHY_AFTER, Integer.toString(healthyAfter));
    m.put(DEFAULT_INTERVAL, Durations.format(defaultInterval));
    m.put(UNKNOWN_AFTER_MISSED_INTERVALS, Integer.toString(unknownAfterMissedIntervals));
    m.put(UNKNOWN_SCAN_EVERY, Durations.format(unknownScanEvery));
    m.put(MAX_FUTURE_SKEW, Durations.format(maxFutureSkew));
    m.put(SKETCH_RELATIVE_ACCURACY, Double.toString(sketchRelativeAccuracy));
    return m;
  }

  private static Topics topics(String prefix) {
    try {
      return new Topics(prefix);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TOPICS_PREFIX, e.getMessage());
    }
  }

  private static Duration duration(Map<String, String> values, String key, Duration fallback) {
    String text = values.get(key);
    return text == null ? fallback : Durations.parse(key, text);
  }

  /** As {@link #duration}, for a key that must be positive: a zero is refused as the user wrote it. */
  private static Duration positiveDuration(Map<String, String> values, String key, Duration fallback) {
    String text = values.get(key);
    return text == null ? fallback : Durations.parsePositive(key, text, Durations.MAX);
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

  private static double decimal(Map<String, String> values, String key, double fallback) {
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(text.trim().toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected a number such as 0.005, got '" + text + "'");
    }
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw Durations.notPositive(key, d == null ? "none" : Durations.format(d));
    }
  }

  private static void notNegative(String key, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ConfigException(key, "must be zero or a positive duration, got "
          + (d == null ? "none" : Durations.format(d)));
    }
  }

  private static void atLeastOne(String key, int n) {
    if (n < 1) {
      throw new ConfigException(key, "must be at least 1, got " + n);
    }
  }
}
