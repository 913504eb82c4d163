package io.meshpulse.schema.serde;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentMembership;
import io.meshpulse.schema.AgentStatus;
import io.meshpulse.schema.AgentWindowStats;
import io.meshpulse.schema.HealthCheckResult;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.MeshHealthSummary;

/** One serde per record type on a topic or in a store. */
public final class MeshSerdes {

  private MeshSerdes() {}

  public static AvroSerde<AgentCard> agentCard() {
    return AvroSerde.of(AgentCard.class);
  }

  public static AvroSerde<HealthCheckResult> checkResult() {
    return AvroSerde.of(HealthCheckResult.class);
  }

  public static AvroSerde<AgentWindowStats> windowStats() {
    return AvroSerde.of(AgentWindowStats.class);
  }

  public static AvroSerde<AgentStatus> agentStatus() {
    return AvroSerde.of(AgentStatus.class);
  }

  public static AvroSerde<HealthTransition> transition() {
    return AvroSerde.of(HealthTransition.class);
  }

  public static AvroSerde<MeshHealthSummary> meshSummary() {
    return AvroSerde.of(MeshHealthSummary.class);
  }

  public static AvroSerde<AgentMembership> membership() {
    return AvroSerde.of(AgentMembership.class);
  }
}
