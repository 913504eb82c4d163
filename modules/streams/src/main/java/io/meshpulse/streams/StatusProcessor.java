package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.streams.StatusStateMachine.Rules;
import io.meshpulse.streams.StatusStateMachine.Step;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Keeps each agent's {@code AgentStatus} in the {@link StoreNames#AGENT_STATUS} store by driving
 * the {@link StatusStateMachine} with its admitted checks, and forwards every effective-health
 * change as a {@link HealthTransition} (keyed by agent, stamped with the check time).
 *
 * <p>A wall-clock punctuator every {@code unknownScanEvery} turns agents unseen for
 * {@code unknownAfterMissedIntervals × interval} UNKNOWN, with a transition stamped with the wall
 * clock, even when no record arrives; silence counts at the earliest from when this task started,
 * so checks waiting to be read after a restart or rebalance do not look like silent agents. An
 * agent without a card is removed once UNKNOWN, so an agent that is gone does not linger because
 * of one straggling check, and a check that was under way when its agent was deregistered does
 * not bring the agent back.
 *
 * <p>Transitions are stamped no earlier than the change before them, so the latest-transition
 * table sees each agent's transitions in order even when a check's time is older than the wall
 * clock that turned the agent UNKNOWN.
 */
final class StatusProcessor implements Processor<String, HealthCheckResult, String, HealthTransition> {

  private static final Logger LOG = LoggerFactory.getLogger(StatusProcessor.class);

  private final TopologyConfig config;
  private ProcessorContext<String, HealthTransition> context;
  private AgentStatuses statuses;
  private long startedMs;

  StatusProcessor(TopologyConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, HealthTransition> context) {
    this.context = context;
    this.statuses = AgentStatuses.from(context);
    this.startedMs = context.currentSystemTimeMs();
    context.schedule(config.unknownScanEvery(), PunctuationType.WALL_CLOCK_TIME, this::turnSilentAgentsUnknown);
  }

  @Override
  public void process(Record<String, HealthCheckResult> record) {
    String agent = record.key();
    AgentStatus current = statuses.get(agent);
    if (current == null && statuses.isStraggler(agent, record.timestamp())) {
      LOG.debug("check of {} at {} ignored: the agent was deregistered while it ran", agent, record.timestamp());
      return;
    }
    Rules rules = Rules.of(statuses.card(agent), config);
    long retiredSequence = current == null ? statuses.retiredSequence(agent) : 0;
    Step step = StatusStateMachine.onCheck(current, record.value(), rules, context.currentSystemTimeMs(), retiredSequence);
    if (step.changed()) {
      statuses.put(step.status(), current == null);
    }
    step.transition().ifPresent(t ->
        context.forward(record.withValue(t).withTimestamp(AgentStatuses.transitionTime(current, record.timestamp()))));
  }

  private void turnSilentAgentsUnknown(long nowMs) {
    List<KeyValue<AgentStatus, AgentCard>> candidates = new ArrayList<>();
    try (KeyValueIterator<String, AgentStatus> all = statuses.store().all()) {
      all.forEachRemaining(kv -> candidates.add(KeyValue.pair(kv.value, statuses.card(kv.key))));
    }
    for (KeyValue<AgentStatus, AgentCard> candidate : candidates) {
      AgentStatus status = candidate.key;
      AgentCard card = candidate.value;
      long intervalMs = card == null ? status.getIntervalMs() : Rules.of(card, config).intervalMs();
      Step step = StatusStateMachine.onSilence(status, nowMs, startedMs, intervalMs,
          config.unknownAfterMissedIntervals());
      step.transition().ifPresent(t ->
          context.forward(new Record<>(t.getAgent(), t, AgentStatuses.transitionTime(status, nowMs))));
      if (card == null && step.status().getHealth() == AgentHealth.UNKNOWN) {
        statuses.remove(step.status(), nowMs);
      } else if (step.changed()) {
        statuses.put(step.status(), false);
      }
    }
  }
}
