package io.meshpulse.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LatencySketchTest {

  private static final Logger LOG = LoggerFactory.getLogger(LatencySketchTest.class);
  private static final double ACCURACY = 0.005;

  @Test
  void mergedSketchesAnswerLikeOneSketchOfAllValues() {
    Random random = new Random(7);
    LatencySketch all = LatencySketch.create(ACCURACY);
    LatencySketch first = LatencySketch.create(ACCURACY);
    LatencySketch second = LatencySketch.create(ACCURACY);
    for (int i = 0; i < 10_000; i++) {
      double ms = Math.exp(3 + random.nextGaussian());
      all.add(ms);
      (i % 2 == 0 ? first : second).add(ms);
    }

    first.merge(second);

    assertEquals(all.count(), first.count());
    for (double q : new double[] {0.0, 0.5, 0.95, 0.99, 1.0}) {
      assertEquals(all.quantile(q).getAsDouble(), first.quantile(q).getAsDouble(), 1e-9, "q=" + q);
    }
  }

  @Test
  void sketchReadsBackFromItsBytes() {
    LatencySketch sketch = LatencySketch.create(ACCURACY);
    for (int ms = 1; ms <= 1000; ms++) {
      sketch.add(ms);
    }

    LatencySketch read = LatencySketch.deserialize(sketch.serialize());

    assertEquals(1000, read.count());
    assertEquals(ACCURACY, read.relativeAccuracy(), 1e-12);
    assertEquals(sketch.quantile(0.95).getAsDouble(), read.quantile(0.95).getAsDouble(), 1e-9);
  }

  @Test
  void quantilesOfAFewValuesAreTheirNearestRankValues() {
    LatencySketch sketch = LatencySketch.create(ACCURACY);
    for (double ms : new double[] {60, 10, 50, 20, 40, 30}) {
      sketch.add(ms);
    }

    // nearest rank of 6 values: p50 the 3rd, p95 and p99 the 6th, q=0 the 1st
    assertWithinAccuracy(30, sketch.quantile(0.50).getAsDouble());
    assertWithinAccuracy(60, sketch.quantile(0.95).getAsDouble());
    assertWithinAccuracy(60, sketch.quantile(0.99).getAsDouble());
    assertWithinAccuracy(10, sketch.quantile(0.0).getAsDouble());
  }

  @Test
  void exactRanksAreNotPushedUpByRounding() {
    LatencySketch sketch = LatencySketch.create(ACCURACY);
    for (int ms = 1; ms <= 20; ms++) {
      sketch.add(ms);
    }

    assertWithinAccuracy(19, sketch.quantile(0.95).getAsDouble()); // ⌈0.95 × 20⌉ = 19
  }

  /** The sizes modules/streams/README.md quotes: windows of 6, 60 and 100,000 lognormal response times. */
  @ParameterizedTest
  @CsvSource({"6, 64", "60, 256", "100000, 2048"})
  void serializedSketchStaysSmall(int samples, int limit) {
    Random random = new Random(samples);
    LatencySketch sketch = LatencySketch.create(ACCURACY);
    for (int n = 0; n < samples; n++) {
      sketch.add(Math.exp(3.0 + 0.8 * random.nextGaussian())); // median about 20 ms
    }

    int bytes = sketch.serialize().length;

    LOG.info("sketch of {} lognormal samples at relative accuracy {}: {} bytes serialized", samples, ACCURACY, bytes);
    assertTrue(bytes <= limit, samples + " samples: serialized sketch is " + bytes + " bytes");
  }

  @Test
  void sketchesOfDifferentAccuracyDoNotMerge() {
    LatencySketch fine = LatencySketch.create(0.005);
    LatencySketch coarse = LatencySketch.create(0.02);

    assertThrows(IllegalArgumentException.class, () -> fine.merge(coarse));
  }

  @Test
  void emptySketchHasNoQuantiles() {
    LatencySketch sketch = LatencySketch.create(ACCURACY);

    assertTrue(sketch.quantile(0.5).isEmpty());
    assertTrue(LatencySketch.deserializeOrCreate(new byte[0], ACCURACY).isEmpty());
  }

  @Test
  void zeroIsAValidResponseTimeAndNegativeIsNot() {
    LatencySketch sketch = LatencySketch.create(ACCURACY);

    sketch.add(0.0);

    assertEquals(0.0, sketch.quantile(0.5).getAsDouble());
    assertThrows(IllegalArgumentException.class, () -> sketch.add(-1.0));
    assertThrows(IllegalArgumentException.class, () -> sketch.add(Double.NaN));
  }

  private static void assertWithinAccuracy(double exact, double estimate) {
    assertEquals(exact, estimate, exact * ACCURACY, "exact " + exact + ", sketch " + estimate);
  }
}
