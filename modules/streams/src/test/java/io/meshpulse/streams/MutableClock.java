package io.meshpulse.streams;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A wall clock that tests move by hand. */
final class MutableClock implements InstantSource {

  private Instant now;

  MutableClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
