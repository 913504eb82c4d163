package io.meshpulse.streams;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;

/**
 * A mergeable sketch of response times (DDSketch): any quantile it answers is within the
 * relative accuracy of the exact value of that rank. Logarithmic index mapping; at most
 * {@value #MAX_BINS} bins per sign, collapsing the lowest ones first, which at 0.5 % accuracy
 * still covers nine orders of magnitude (from microseconds to hours) without collapsing.
 *
 * <p>The serialized form carries its index mapping, so a sketch reads back with the accuracy it
 * was written with; sketches merge only with sketches of the same accuracy.
 */
public final class LatencySketch {

  static final int MAX_BINS = 2048;
  /** q·n of 0.95 × 20 is 19.000000000000004 in doubles: not a reason to take the 20th value. */
  private static final double RANK_EPSILON = 1e-9;

  private final DDSketch sketch;

  private LatencySketch(DDSketch sketch) {
    this.sketch = sketch;
  }

  /** An empty sketch. */
  public static LatencySketch create(double relativeAccuracy) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new IllegalArgumentException("relative accuracy must be between 0 and 1, got " + relativeAccuracy);
    }
    return new LatencySketch(new DDSketch(new LogarithmicMapping(relativeAccuracy),
        () -> new CollapsingLowestDenseStore(MAX_BINS)));
  }

  /** Reads a sketch written by {@link #serialize()}. */
  public static LatencySketch deserialize(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("no sketch: empty bytes");
    }
    try {
      return new LatencySketch(DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS)));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a sketch: " + e.getMessage(), e);
    }
  }

  /** {@link #deserialize} or, for empty bytes (a record written before any latency), an empty sketch. */
  public static LatencySketch deserializeOrCreate(byte[] bytes, double relativeAccuracy) {
    return bytes == null || bytes.length == 0 ? create(relativeAccuracy) : deserialize(bytes);
  }

  /** Adds one response time, in milliseconds (zero or more). */
  public void add(double millis) {
    if (!(millis >= 0) || Double.isInfinite(millis)) {
      throw new IllegalArgumentException("a response time is a finite number of milliseconds >= 0, got " + millis);
    }
    sketch.accept(millis);
  }

  /** Adds every value of {@code other} to this sketch. */
  public void merge(LatencySketch other) {
    if (!sketch.getIndexMapping().equals(other.sketch.getIndexMapping())) {
      throw new IllegalArgumentException("cannot merge sketches of different relative accuracy ("
          + sketch.getIndexMapping().relativeAccuracy() + " and " + other.sketch.getIndexMapping().relativeAccuracy() + ")");
    }
    sketch.mergeWith(other.sketch);
  }

  /**
   * The nearest-rank value of quantile {@code q} (0..1) — the ⌈q·n⌉-th smallest of the n values, the
   * smallest for q = 0 — within the relative accuracy; empty when the sketch is empty.
   *
   * <p>DDSketch's own {@code getValueAtQuantile(p)} answers the value of (0-based) rank p·(n−1), which
   * for a window of a few checks is another value than the nearest rank (p95 of 6 values: the 5th
   * instead of the 6th). So the rank is computed here and DDSketch is asked for rank − ½, which falls
   * in the bin of that value whatever the floating-point rounding.
   */
  public OptionalDouble quantile(double q) {
    return sketch.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(quantiles(q)[0]);
  }

  /**
   * {@link #quantile} of each of {@code qs}, in one pass over the sketch (the window aggregator asks
   * for three on every check).
   *
   * @throws IllegalStateException when the sketch is empty
   */
  public double[] quantiles(double... qs) {
    if (sketch.isEmpty()) {
      throw new IllegalStateException("an empty sketch has no quantiles");
    }
    long n = count();
    double[] ranks = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      if (qs[i] < 0 || qs[i] > 1) {
        throw new IllegalArgumentException("quantile must be between 0 and 1, got " + qs[i]);
      }
      long rank = Math.max(1, (long) Math.ceil(qs[i] * n - RANK_EPSILON));
      ranks[i] = n == 1 ? 0 : Math.min(1.0, (rank - 0.5) / (n - 1));
    }
    return sketch.getValuesAtQuantiles(ranks);
  }

  public long count() {
    return Math.round(sketch.getCount());
  }

  public boolean isEmpty() {
    return sketch.isEmpty();
  }

  public double relativeAccuracy() {
    return sketch.getIndexMapping().relativeAccuracy();
  }

  /** Compact binary form (DDSketch's own encoding, index mapping included). */
  public byte[] serialize() {
    GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(out, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode sketch", e);
    }
    return out.trimmedCopy();
  }
}
