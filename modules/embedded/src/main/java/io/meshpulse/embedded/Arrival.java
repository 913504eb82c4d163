package io.meshpulse.embedded;

import java.time.Instant;

/**
 * When a request reached a simulated agent.
 *
 * @param nanoTime from the fleet's monotonic ticker ({@code System.nanoTime()} unless injected)
 * @param at from the fleet's wall clock
 */
public record Arrival(long nanoTime, Instant at) {}
