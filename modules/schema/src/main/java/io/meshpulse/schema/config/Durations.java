package io.meshpulse.schema.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users write in files and flags: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}.
 * No duration may exceed {@link #MAX}, so none overflows when turned into milli- or nanoseconds.
 */
public final class Durations {

  /** The longest duration any setting takes; each setting may have a lower bound of its own. */
  public static final Duration MAX = Duration.ofDays(365);

  private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
  private static final int MAX_DIGITS = 12;

  private Durations() {}

  /**
   * @param field the name the user wrote the value under, for the error message
   * @throws ConfigException naming the field when the text is not a duration of at most {@link #MAX}
   */
  public static Duration parse(String field, String text) {
    return parse(field, text, MAX);
  }

  /** As {@link #parse(String, String)}, for a setting whose longest duration is {@code max} (at most {@link #MAX}). */
  public static Duration parse(String field, String text, Duration max) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(field, "expected a duration such as 500ms, 5s, 2m or 1h, got '" + text + "'");
    }
    // more digits than any duration up to MAX needs: too large, and Long.parseLong could overflow
    if (m.group(1).replaceFirst("^0+(?=\\d)", "").length() > MAX_DIGITS) {
      throw tooLong(field, max, text.trim());
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
    return requireAtMost(field, d, max);
  }

  /**
   * As {@link #parse(String, String, Duration)}, for a setting that must be positive: a zero is
   * refused quoting the value as the user wrote it ({@code got 0s}).
   */
  public static Duration parsePositive(String field, String text, Duration max) {
    Duration d = parse(field, text, max);
    if (d.isZero()) {
      throw notPositive(field, text.trim());
    }
    return d;
  }

  /** {@code d}, when it is positive and at most {@code max}; else a {@link ConfigException} naming the field. */
  public static Duration requirePositive(String field, Duration d, Duration max) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw notPositive(field, d == null ? "none" : format(d));
    }
    return requireAtMost(field, d, max);
  }

  /** The error for a duration that must be positive and is not; {@code got} as the user wrote it where known. */
  public static ConfigException notPositive(String field, String got) {
    return new ConfigException(field, "must be a positive duration, got " + got);
  }

  private static Duration requireAtMost(String field, Duration d, Duration max) {
    if (d.compareTo(max) > 0) {
      throw tooLong(field, max, format(d));
    }
    return d;
  }

  private static ConfigException tooLong(String field, Duration max, String got) {
    return new ConfigException(field, "must be at most " + format(max) + ", got " + got);
  }

  /** The shortest text {@link #parse} reads back as {@code d}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms > 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
