package io.meshpulse.streams;

import io.meshpulse.schema.AgentWindowStats;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * Puts the window into a window's statistics. An aggregator never sees its window, so the values
 * in the {@link StoreNames#AGENT_WINDOW_STATS} store carry the window only in their store key;
 * the stats topic and the query layer use these to fill {@code agent}, {@code window_start} and
 * {@code window_end}.
 */
public final class WindowedStats {

  private WindowedStats() {}

  /** The statistics of a closed or open window, as its {@code Windowed} key names it. */
  public static AgentWindowStats stamp(Windowed<String> key, AgentWindowStats stats) {
    return stamp(key.key(), key.window().start(), key.window().end(), stats);
  }

  /** For a window store read by start time ({@code WindowStoreIterator}): the end is start + size. */
  public static AgentWindowStats stamp(String agent, long windowStartMs, Duration windowSize, AgentWindowStats stats) {
    return stamp(agent, windowStartMs, windowStartMs + windowSize.toMillis(), stats);
  }

  private static AgentWindowStats stamp(String agent, long startMs, long endMs, AgentWindowStats stats) {
    return AgentWindowStats.newBuilder(stats)
        .setAgent(agent)
        .setWindowStart(Instant.ofEpochMilli(startMs))
        .setWindowEnd(Instant.ofEpochMilli(endMs))
        .build();
  }
}
