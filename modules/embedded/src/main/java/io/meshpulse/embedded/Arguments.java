package io.meshpulse.embedded;

import io.meshpulse.schema.config.Durations;
import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by this package's value types. */
final class Arguments {

  private Arguments() {}

  static void requireNotNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + ": must not be negative, got " + Durations.format(d));
    }
  }

  static void requirePositive(String name, Duration d) {
    requireNotNegative(name, d);
    if (d.isZero()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + Durations.format(d));
    }
  }
}
