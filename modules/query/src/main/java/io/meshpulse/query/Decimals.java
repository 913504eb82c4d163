package io.meshpulse.query;

/** Numbers as the API shows them: milliseconds to 2 decimals, ratios to 4 (more digits are noise, not precision). */
final class Decimals {

  private Decimals() {}

  static Double millis(Double ms) {
    return ms == null ? null : round(ms, 100);
  }

  static Double ratio(Double ratio) {
    return ratio == null ? null : round(ratio, 10_000);
  }

  private static double round(double value, double scale) {
    return Double.isFinite(value) ? Math.round(value * scale) / scale : value;
  }
}
