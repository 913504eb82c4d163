package io.meshpulse.app.reference;

import io.meshpulse.app.reference.Figures.Counts;
import io.meshpulse.app.reference.Figures.DeadLetter;
import io.meshpulse.app.reference.Figures.WindowKey;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.streams.TopologyConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the health topology must hold once it has read the checks topic, recomputed from the raw
 * records with plain code; only the settings come from the product ({@link TopologyConfig}).
 *
 * <p>Each partition is one stream task, read in offset order. A record is refused to the dead-letter
 * topic when it cannot be read, when its key is not its agent, when it is stamped beyond the future
 * skew, or when one of its windows has closed: the window's end plus grace is at or before the
 * partition's stream time, the latest check time admitted so far. An admitted check counts in every
 * window that contains it and drives its agent's thresholds. A window is closed, and so on the stats
 * topic, once its end plus grace is at or before its partition's final stream time.
 */
public final class ReferenceModel {

  /** Everything the tests compare, keyed and ordered for a readable diff. */
  public record Expected(Map<WindowKey, Figures.Window> windows, Set<WindowKey> closed,
      Map<String, Figures.Status> statuses, List<Figures.Transition> transitions, List<DeadLetter> deadLetters,
      Counts overall, Map<String, Counts> byCapability, int admittedOutOfOrder) {}

  private final TopologyConfig config;
  private final long futureLimitMs;
  private final Map<String, AgentCard> cards = new TreeMap<>();
  private final Map<Integer, Long> streamTime = new HashMap<>();
  private final Map<String, Integer> partitionOf = new HashMap<>();
  private final Map<WindowKey, ReferenceWindow> windows = new TreeMap<>();
  private final Map<String, ReferenceStatus> statuses = new TreeMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private int admittedOutOfOrder;

  private ReferenceModel(TopologyConfig config, List<AgentCard> cards, Instant now) {
    this.config = config;
    this.futureLimitMs = now.plus(config.maxFutureSkew()).toEpochMilli();
    cards.forEach(card -> this.cards.put(card.getName(), card));
  }

  /**
   * @param cards the registered agents (registered before any check was read)
   * @param now the wall clock while the checks were processed, for the future-skew rule
   */
  public static Expected recompute(List<RawCheck> checksTopic, List<AgentCard> cards, TopologyConfig config, Instant now) {
    ReferenceModel model = new ReferenceModel(config, cards, now);
    checksTopic.forEach(model::read);
    return model.expected();
  }

  private void read(RawCheck raw) {
    Optional<String> refusal = refusal(raw);
    if (refusal.isPresent()) {
      deadLetters.add(new DeadLetter(raw.partition(), raw.offset(), refusal.get()));
      return;
    }
    HealthCheckResult check = raw.check();
    long t = check.getCheckedAt().toEpochMilli();
    if (t < streamTime.getOrDefault(raw.partition(), -1L)) {
      admittedOutOfOrder++;
    }
    streamTime.merge(raw.partition(), t, Math::max);
    partitionOf.put(raw.key(), raw.partition());
    for (long start : windowStarts(t)) {
      windows.computeIfAbsent(new WindowKey(raw.key(), Instant.ofEpochMilli(start)), k -> new ReferenceWindow()).add(check);
    }
    statuses.computeIfAbsent(raw.key(), this::newStatus).onCheck(check);
  }

  private Optional<String> refusal(RawCheck raw) {
    if (raw.unreadable()) {
      return Optional.of("undeserializable");
    }
    if (raw.check() == null) {
      return Optional.of("invalid-value");
    }
    if (raw.key() == null || !raw.key().equals(raw.check().getAgent())) {
      return Optional.of("invalid-key");
    }
    long t = raw.check().getCheckedAt().toEpochMilli();
    if (t > futureLimitMs) {
      return Optional.of("future-timestamp");
    }
    long now = streamTime.getOrDefault(raw.partition(), -1L);
    long earliestEnd = windowStarts(t).stream().mapToLong(Long::longValue).min().orElseThrow() + sizeMs();
    return now >= 0 && earliestEnd + graceMs() <= now ? Optional.of("late") : Optional.empty();
  }

  /** Starts of the windows that hold time {@code t}: multiples of the advance, none before the epoch. */
  private List<Long> windowStarts(long t) {
    long advance = config.windowAdvance().toMillis();
    List<Long> starts = new ArrayList<>();
    for (long start = t - Math.floorMod(t, advance); start > t - sizeMs() && start >= 0; start -= advance) {
      starts.add(start);
    }
    return starts;
  }

  private ReferenceStatus newStatus(String agent) {
    AgentCard card = cards.get(agent);
    int worseAfter = card != null && card.getUnhealthyAfter() != null ? card.getUnhealthyAfter() : config.unhealthyAfter();
    int betterAfter = card != null && card.getHealthyAfter() != null ? card.getHealthyAfter() : config.healthyAfter();
    return new ReferenceStatus(agent, worseAfter, betterAfter);
  }

  private Expected expected() {
    Map<WindowKey, Figures.Window> figures = new TreeMap<>();
    Set<WindowKey> closed = new TreeSet<>();
    windows.forEach((key, window) -> {
      Instant end = key.start().plusMillis(sizeMs());
      figures.put(key, window.figures(key.agent(), key.start(), end));
      if (end.toEpochMilli() + graceMs() <= streamTime.get(partitionOf.get(key.agent()))) {
        closed.add(key);
      }
    });
    Map<String, Figures.Status> statusFigures = new TreeMap<>();
    List<Figures.Transition> transitions = new ArrayList<>();
    statuses.forEach((agent, status) -> {
      statusFigures.put(agent, status.figures());
      transitions.addAll(status.transitions());
    });
    Map<String, Counts> byCapability = new TreeMap<>();
    Counts overall = Counts.ZERO;
    for (AgentCard card : cards.values()) {
      AgentHealth health = statuses.containsKey(card.getName()) ? statuses.get(card.getName()).health() : AgentHealth.UNKNOWN;
      overall = overall.plus(health);
      for (String capability : new LinkedHashSet<>(card.getCapabilities())) {
        byCapability.merge(capability, Counts.ZERO.plus(health), (a, b) -> a.plus(health));
      }
    }
    return new Expected(figures, closed, statusFigures, transitions, List.copyOf(deadLetters), overall, byCapability,
        admittedOutOfOrder);
  }

  private long sizeMs() {
    return config.windowSize().toMillis();
  }

  private long graceMs() {
    return config.windowGrace().toMillis();
  }
}
