package io.meshpulse.bench;

import java.util.List;

/** Nearest-rank percentiles of a set of measurements. */
record Percentiles(double[] sorted) {

  static Percentiles of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements");
    }
    return new Percentiles(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
  }

  int count() {
    return sorted.length;
  }

  double p50() {
    return at(50);
  }

  double p99() {
    return at(99);
  }

  double max() {
    return sorted[sorted.length - 1];
  }

  private double at(int percent) {
    return sorted[Math.max(1, (percent * sorted.length + 99) / 100) - 1];
  }
}
