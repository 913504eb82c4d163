package io.meshpulse.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The machine-readable last line of a benchmark: {@code RESULT <name> key=value …}, keys in insertion order. */
final class ResultLine {

  private final String name;
  private final Map<String, String> figures = new LinkedHashMap<>();

  ResultLine(String name) {
    this.name = name;
  }

  ResultLine put(String key, long value) {
    figures.put(key, Long.toString(value));
    return this;
  }

  /** Two decimals: benchmarks on a shared 2-core machine are not more exact than that. */
  ResultLine put(String key, double value) {
    figures.put(key, String.format(Locale.ROOT, "%.2f", value));
    return this;
  }

  @Override
  public String toString() {
    StringBuilder line = new StringBuilder("RESULT ").append(name);
    figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    return line.toString();
  }
}
