package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentStatus;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The stores behind agent statuses, as the processors use them: the {@link StoreNames#AGENT_STATUS}
 * store, the transition counts of removed statuses ({@link StoreNames#RETIRED_SEQUENCES}) and,
 * read only, the registry ({@link StoreNames#AGENT_CARDS}).
 */
final class AgentStatuses {

  private final KeyValueStore<String, AgentStatus> statuses;
  /** Per removed status: its transition count, stamped with the end of its stragglers' time (see {@link #remove}). */
  private final TimestampedKeyValueStore<String, Long> retired;
  private final TimestampedKeyValueStore<String, AgentCard> cards;

  private AgentStatuses(KeyValueStore<String, AgentStatus> statuses, TimestampedKeyValueStore<String, Long> retired,
      TimestampedKeyValueStore<String, AgentCard> cards) {
    this.statuses = statuses;
    this.retired = retired;
    this.cards = cards;
  }

  static AgentStatuses from(ProcessingContext context) {
    return new AgentStatuses(
        context.getStateStore(StoreNames.AGENT_STATUS),
        context.getStateStore(StoreNames.RETIRED_SEQUENCES),
        context.getStateStore(StoreNames.AGENT_CARDS));
  }

  /**
   * The timestamp of a transition away from {@code previous} caused by an event at {@code eventMs}:
   * never before the previous change, so each agent's transitions stay in timestamp order.
   */
  static long transitionTime(AgentStatus previous, long eventMs) {
    return previous == null ? eventMs : Math.max(eventMs, previous.getSince().toEpochMilli());
  }

  KeyValueStore<String, AgentStatus> store() {
    return statuses;
  }

  AgentStatus get(String agent) {
    return statuses.get(agent);
  }

  AgentCard card(String agent) {
    return ValueAndTimestamp.getValueOrNull(cards.get(agent));
  }

  /** The transition count of this agent's last removed status; 0 if it never had one. */
  long retiredSequence(String agent) {
    Long sequence = ValueAndTimestamp.getValueOrNull(retired.get(agent));
    return sequence == null ? 0 : sequence;
  }

  /**
   * Whether a check of {@code agent} stamped {@code checkMs} is a straggler of its removed status:
   * the agent is still not registered and the check started before the removal, or within the
   * interval after it (a round under way when the prober heard of the deregistration). Counting it
   * would bring the agent back, and alert on it, just after it was deregistered.
   */
  boolean isStraggler(String agent, long checkMs) {
    ValueAndTimestamp<Long> removed = retired.get(agent);
    return removed != null && checkMs <= removed.timestamp() && card(agent) == null;
  }

  /** Stores a status; the first status after a removed one takes over its transition count. */
  void put(AgentStatus status, boolean created) {
    statuses.put(status.getAgent(), status);
    if (created && retired.get(status.getAgent()) != null) {
      retired.delete(status.getAgent());
    }
  }

  /**
   * Deletes a status at {@code nowMs}, keeping its transition count for a later status of the same
   * agent, and when its stragglers stop: one check interval from now.
   */
  void remove(AgentStatus status, long nowMs) {
    retired.put(status.getAgent(), ValueAndTimestamp.make(status.getTransitions(), nowMs + status.getIntervalMs()));
    statuses.delete(status.getAgent());
  }
}
