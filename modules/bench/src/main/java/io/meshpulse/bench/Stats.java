package io.meshpulse.bench;

import java.util.Arrays;

/** Order statistics of a handful of measurements. */
final class Stats {

  private Stats() {}

  static double median(double[] values) {
    return percentile(values, 50);
  }

  /** The nearest-rank percentile: a value that was measured, never an interpolation. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }
}
