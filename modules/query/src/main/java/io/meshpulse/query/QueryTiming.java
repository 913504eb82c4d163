package io.meshpulse.query;

import java.time.Duration;
import java.time.InstantSource;

/** What the query layer needs to know of the topology's windows, and the clock that says "now". */
public record QueryTiming(Duration windowSize, Duration windowRetention, InstantSource clock) {}
