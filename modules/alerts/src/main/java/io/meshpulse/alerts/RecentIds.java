package io.meshpulse.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last transitions sent, so a transition read twice (after a rebalance, or
 * produced again when the topology reprocessed) is sent once.
 */
final class RecentIds {

  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids = new LinkedHashMap<>(capacity, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True the first time an id is seen (within the capacity). */
  boolean firstTime(String id) {
    return ids.put(id, Boolean.TRUE) == null;
  }
}
