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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reads the state stores of this instance only (its partitions). */
final class LocalStores {

  private final KafkaStreams streams;
  private final Duration windowSize;
  private final Duration windowRetention;
  private final InstantSource clock;

  LocalStores(KafkaStreams streams, Duration windowSize, Duration windowRetention, InstantSource clock) {
    this.streams = streams;
    this.windowSize = windowSize;
    this.windowRetention = windowRetention;
    this.clock = clock;
  }

  /** Registered agents and agents with a status, optionally with their latest window. */
  List<AgentView> agents(Predicate<AgentView> filter, boolean withWindows) {
    ReadOnlyKeyValueStore<String, AgentStatus> statuses = kvStore(StoreNames.AGENT_STATUS);
    Map<String, AgentCard> cards = all(kvStore(StoreNames.AGENT_CARDS));
    Map<String, AgentStatus> byName = all(statuses);
    List<String> names = new ArrayList<>(cards.keySet());
    byName.keySet().stream().filter(n -> !cards.containsKey(n)).forEach(names::add);
    List<AgentView> views = new ArrayList<>();
    for (String name : names) {
      AgentView view = AgentView.of(name, cards.get(name), byName.get(name), null);
      if (filter.test(view)) {
        views.add(withWindows ? withWindows(view, cards.get(name), byName.get(name)) : view);
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

  /** The view with the newest window's healthy ratio and the p95 of the newest of the last three with latency. */
  private AgentView withWindows(AgentView view, AgentCard card, AgentStatus status) {
    List<AgentWindowStats> recent = windows(view.name(), clock.instant().minus(windowSize.multipliedBy(3)));
    AgentWindowStats newest = recent.isEmpty() ? null : recent.get(0);
    AgentWindowStats withLatency = recent.stream().filter(w -> w.getLatencyCount() > 0).findFirst().orElse(null);
    return AgentView.of(view.name(), card, status, newest, withLatency);
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
      return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    } catch (InvalidStateStoreException e) {
      throw new StoresUnavailableException("store " + name + " is not queryable right now: " + e.getMessage(), e);
    }
  }
}
