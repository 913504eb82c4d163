package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.streams.StatusStateMachine.Step;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reacts to the registry's changes: when an agent's card is deleted (a tombstone), its status is
 * removed from the {@link StoreNames#AGENT_STATUS} store and, if it was not UNKNOWN already, a
 * transition to UNKNOWN with reason "deregistered" is forwarded, so alerting learns of it and the
 * latest transition of a re-registered agent is not a stale health.
 */
final class RegistrationProcessor implements Processor<String, AgentCard, String, HealthTransition> {

  private ProcessorContext<String, HealthTransition> context;
  private AgentStatuses statuses;

  @Override
  public void init(ProcessorContext<String, HealthTransition> context) {
    this.context = context;
    this.statuses = AgentStatuses.from(context);
  }

  @Override
  public void process(Record<String, AgentCard> record) {
    if (record.value() != null || record.key() == null) {
      return;
    }
    AgentStatus current = statuses.get(record.key());
    if (current == null) {
      return;
    }
    long nowMs = context.currentSystemTimeMs();
    Step step = StatusStateMachine.onDeregistration(current, nowMs);
    step.transition().ifPresent(t ->
        context.forward(new Record<>(record.key(), t, AgentStatuses.transitionTime(current, nowMs))));
    statuses.remove(step.status(), nowMs);
  }
}
