package io.meshpulse.app.reference;

import io.meshpulse.app.reference.Figures.WindowKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects every difference between what the topology holds and the reference, so that one failure
 * lists them all, each naming the agent, window or record and both values. Percentiles may differ
 * by the sketch's relative accuracy and a mean by floating-point rounding; everything else must be equal.
 */
public final class Differences {

  private static final int SHOWN = 60;
  private static final double ROUNDING = 1e-9;
  /** The query API shows milliseconds to 2 decimals and ratios to 4; the topics carry every digit. */
  private static final double MILLIS_SCALE = 100;
  private static final double RATIO_SCALE = 10_000;
  private static final double SHOWN_ROUNDING = 0.5 / MILLIS_SCALE;

  private final double relativeAccuracy;
  private final List<String> lines = new ArrayList<>();

  public Differences(double relativeAccuracy) {
    this.relativeAccuracy = relativeAccuracy;
  }

  /** {@code actual} must hold each expected window once, and nothing else. */
  public void windows(String where, Map<WindowKey, Figures.Window> expected, Collection<Figures.Window> actual) {
    Map<WindowKey, List<Figures.Window>> byKey = actual.stream()
        .collect(Collectors.groupingBy(Figures.Window::key, TreeMap::new, Collectors.toList()));
    Set<WindowKey> keys = new TreeSet<>(expected.keySet());
    keys.addAll(byKey.keySet());
    for (WindowKey key : keys) {
      List<Figures.Window> found = byKey.getOrDefault(key, List.of());
      if (!expected.containsKey(key)) {
        add(where, key + ": not in the reference, found " + found);
      } else if (found.size() != 1) {
        add(where, key + ": expected once, found " + found.size() + " times");
      }
      if (expected.containsKey(key) && !found.isEmpty()) {
        window(where + " " + key, expected.get(key), found.get(0));
      }
    }
  }

  public void statuses(Map<String, Figures.Status> expected, Map<String, Figures.Status> actual) {
    for (String agent : union(expected.keySet(), actual.keySet())) {
      same("status", agent, expected.get(agent), actual.get(agent));
    }
  }

  /** Each expected transition once, by id, and no other. */
  public void transitions(List<Figures.Transition> expected, List<Figures.Transition> actual) {
    records("transitions topic", expected, actual, Figures.Transition::id);
  }

  /** Each expected dead letter once, by source partition and offset, and no other. */
  public void deadLetters(List<Figures.DeadLetter> expected, List<Figures.DeadLetter> actual) {
    records("dead-letter topic", expected, actual, d -> d.partition() + "@" + d.offset());
  }

  public void counts(String what, Figures.Counts expected, Figures.Counts actual) {
    same("counts", what, expected, actual);
  }

  /** Fails, listing every difference, when there is any. */
  public void assertNone() {
    if (lines.isEmpty()) {
      return;
    }
    String shown = String.join("\n  ", lines.subList(0, Math.min(SHOWN, lines.size())));
    throw new AssertionError(lines.size() + " differences from the reference"
        + (lines.size() > SHOWN ? " (the first " + SHOWN + ")" : "") + ":\n  " + shown);
  }

  private void window(String what, Figures.Window e, Figures.Window a) {
    same(what, "end", e.end(), a.end());
    same(what, "count", e.count(), a.count());
    same(what, "healthy", e.healthy(), a.healthy());
    same(what, "degraded", e.degraded(), a.degraded());
    same(what, "unhealthy", e.unhealthy(), a.unhealthy());
    shown(what, "healthy ratio", e.healthyRatio(), a.healthyRatio(), RATIO_SCALE);
    shown(what, "min", e.minMs(), a.minMs(), MILLIS_SCALE);
    shown(what, "max", e.maxMs(), a.maxMs(), MILLIS_SCALE);
    shown(what, "mean", e.meanMs(), a.meanMs(), MILLIS_SCALE);
    close(what, "p50", e.p50Ms(), a.p50Ms(), relativeAccuracy);
    close(what, "p95", e.p95Ms(), a.p95Ms(), relativeAccuracy);
    close(what, "p99", e.p99Ms(), a.p99Ms(), relativeAccuracy);
    same(what, "last error", e.lastError(), a.lastError());
  }

  private <T> void records(String where, List<T> expected, List<T> actual, Function<T, String> id) {
    Map<String, T> wanted = new TreeMap<>();
    expected.forEach(t -> wanted.put(id.apply(t), t));
    Map<String, Integer> seen = new HashMap<>();
    for (T record : actual) {
      String key = id.apply(record);
      if (seen.merge(key, 1, Integer::sum) == 2) {
        add(where, key + ": more than once");
      }
      same(where, key, wanted.get(key), record);
    }
    wanted.keySet().stream().filter(key -> !seen.containsKey(key))
        .forEach(key -> add(where, key + ": missing, expected " + wanted.get(key)));
  }

  private void close(String what, String field, Double expected, Double actual, double relative) {
    boolean ok = expected == null ? actual == null
        : actual != null && Math.abs(actual - expected) <= relative * Math.abs(expected) + SHOWN_ROUNDING;
    if (!ok) {
      add(what, field + ": reference " + expected + ", topology " + actual + " (allowed relative error " + relative + ")");
    }
  }

  /** Equal to every digit (a topic) or as the API rounds it. */
  private void shown(String what, String field, Double expected, Double actual, double scale) {
    boolean ok = Objects.equals(expected, actual)
        || expected != null && actual != null && Math.abs(actual - expected) <= ROUNDING * Math.abs(expected)
        || expected != null && actual != null && actual == Math.round(expected * scale) / scale;
    if (!ok) {
      add(what, field + ": reference " + expected + ", topology " + actual);
    }
  }

  private void same(String what, Object field, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      add(what, field + ": reference " + expected + ", topology " + actual);
    }
  }

  private void add(String what, String line) {
    lines.add(what + " — " + line);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
