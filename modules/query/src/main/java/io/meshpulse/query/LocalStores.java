package io.meshpulse.query;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.MeshHealthSummary;
import io.meshpulse.streams.StoreNames;
import io.meshpulse.streams.WindowedStats;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads the state stores of this instance only (its partitions). */
final class LocalStores {

  private final LocalStreams streams;
  private final Duration windowSize;
  private final Duration windowRetention;
  private final InstantSource clock;

  LocalStores(LocalStreams streams, Duration windowSize, Duration windowRetention, InstantSource clock) {
    this.streams = streams;
    this.windowSize = windowSize;
    this.windowRetention = windowRetention;
    this.clock = clock;
  }

  /**
   * Registered agents and agents with a status, with the newest window's healthy ratio and the
   * p95 of the newest of the last three windows with latency data.
   */
  List<AgentView> agents(Predicate<AgentView> filter) {
    ReadOnlyKeyValueStore<String, AgentStatus> statuses = kvStore(StoreNames.AGENT_STATUS);
    Map<String, AgentCard> cards = all(kvStore(StoreNames.AGENT_CARDS));
    Map<String, AgentStatus> byName = all(statuses);
    List<String> names = new ArrayList<>(cards.keySet());
    byName.keySet().stream().filter(n -> !cards.containsKey(n)).forEach(names::add);
    Map<String, NewestWindows> windows = newestWindows(clock.instant().minus(windowSize.multipliedBy(3)));
    List<AgentView> views = new ArrayList<>();
    for (String name : names) {
      NewestWindows newest = windows.getOrDefault(name, NewestWindows.NONE);
      AgentView view = AgentView.of(name, cards.get(name), byName.get(name), newest.any(), newest.withLatency());
      if (filter.test(view)) {
        views.add(view);
      }
    }
    return views;
  }

  /** The agent's card, status and windows, or null when this instance knows nothing of it. */
  AgentDetailView agent(String name) {
    AgentCard card = this.<AgentCard>kvStore(StoreNames.AGENT_CARDS).get(name);
    AgentStatus status = this.<AgentStatus>kvStore(StoreNames.AGENT_STATUS).get(name);
    if (card == null && status == null) {
      return null;
    }
    List<AgentWindowStats> recent = windows(name, clock.instant().minus(windowRetention));
    Instant now = clock.instant();
    AgentWindowStats current = recent.stream()
        .filter(w -> !w.getWindowStart().isAfter(now) && w.getWindowEnd().isAfter(now)).findFirst().orElse(null);
    AgentWindowStats newest = recent.isEmpty() ? null : recent.get(0);
    AgentWindowStats withLatency = recent.stream().filter(w -> w.getLatencyCount() > 0).findFirst().orElse(null);
    return new AgentDetailView(AgentView.of(name, card, status, newest, withLatency),
        AgentDetailView.StatusView.of(status),
        current == null ? null : WindowView.of(current), recent.stream().map(WindowView::of).toList());
  }

  /** The mesh summary, if its key lives on this instance. */
  MeshHealthSummary summary() {
    return this.<MeshHealthSummary>kvStore(StoreNames.MESH_SUMMARY).get(StoreNames.MESH_SUMMARY_KEY);
  }

  /** An agent's newest window, and its newest with latency data; either may be null. */
  private record NewestWindows(AgentWindowStats any, AgentWindowStats withLatency) {
    static final NewestWindows NONE = new NewestWindows(null, null);

    NewestWindows with(AgentWindowStats window) {
      return new NewestWindows(newer(any, window),
          window.getLatencyCount() > 0 ? newer(withLatency, window) : withLatency);
    }

    private static AgentWindowStats newer(AgentWindowStats current, AgentWindowStats candidate) {
      return current == null || candidate.getWindowStart().isAfter(current.getWindowStart()) ? candidate : current;
    }
  }

  /**
   * Every agent's newest windows starting at or after {@code from}, in one pass over the store:
   * a fetch per agent would read the whole time range again for each (the windows are stored by time).
   */
  private Map<String, NewestWindows> newestWindows(Instant from) {
    ReadOnlyWindowStore<String, AgentWindowStats> store =
        store(StoreNames.AGENT_WINDOW_STATS, QueryableStoreTypes.windowStore());
    Map<String, NewestWindows> newest = new HashMap<>();
    try (KeyValueIterator<Windowed<String>, AgentWindowStats> it = store.fetchAll(from, clock.instant())) {
      it.forEachRemaining(kv -> newest.merge(kv.key.key(), NewestWindows.NONE.with(WindowedStats.stamp(kv.key, kv.value)),
          (current, one) -> current.with(one.any())));
    }
    return newest;
  }

  /** Windows of the agent that start at or after {@code from}, newest first. */
  private List<AgentWindowStats> windows(String name, Instant from) {
    ReadOnlyWindowStore<String, AgentWindowStats> store =
        store(StoreNames.AGENT_WINDOW_STATS, QueryableStoreTypes.windowStore());
    List<AgentWindowStats> windows = new ArrayList<>();
    try (WindowStoreIterator<AgentWindowStats> it = store.backwardFetch(name, from, clock.instant())) {
      it.forEachRemaining(kv -> windows.add(WindowedStats.stamp(name, kv.key, windowSize, kv.value)));
    }
    return windows;
  }

  private static <V> Map<String, V> all(ReadOnlyKeyValueStore<String, V> store) {
    Map<String, V> values = new LinkedHashMap<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, V> kv = it.next();
        values.put(kv.key, kv.value);
      }
    }
    return values;
  }

  private <V> ReadOnlyKeyValueStore<String, V> kvStore(String name) {
    return store(name, QueryableStoreTypes.keyValueStore());
  }

  private <T> T store(String name, QueryableStoreType<T> type) {
    try {
      return streams.store(name, type);
    } catch (InvalidStateStoreException e) {
      throw new StoresUnavailableException("store " + name + " is not queryable right now: " + e.getMessage(), e);
    }
  }
}
