package io.meshpulse.streams;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.AgentMembership;
import io.meshpulse.schema.HealthCounts;
import io.meshpulse.schema.HealthTransition;
import io.meshpulse.schema.MeshHealthSummary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mesh summary as an adder and a subtractor over agent memberships (a registered agent's
 * effective health and capabilities), so the counts stay right when an agent changes state,
 * changes capabilities or is deregistered: Kafka Streams subtracts the old membership and adds
 * the new one. A capability whose total reaches 0 is dropped. Pure.
 */
public final class MeshSummaryAggregator {

  private MeshSummaryAggregator() {}

  /** The summary of an empty mesh. */
  public static MeshHealthSummary empty() {
    return MeshHealthSummary.newBuilder().setOverall(counts(Tally.ZERO)).setByCapability(Map.of()).build();
  }

  /** A registered agent's membership: its latest transition's health, UNKNOWN before any. */
  public static AgentMembership membership(AgentCard card, HealthTransition latest) {
    return AgentMembership.newBuilder()
        .setAgent(card.getName())
        .setHealth(latest == null ? AgentHealth.UNKNOWN : latest.getTo())
        .setCapabilities(List.copyOf(card.getCapabilities()))
        .build();
  }

  public static MeshHealthSummary add(MeshHealthSummary summary, AgentMembership member) {
    return apply(summary, member, 1);
  }

  public static MeshHealthSummary subtract(MeshHealthSummary summary, AgentMembership member) {
    return apply(summary, member, -1);
  }

  private static MeshHealthSummary apply(MeshHealthSummary summary, AgentMembership member, int delta) {
    Tally overall = Tally.of(summary.getOverall()).plus(member.getHealth(), delta);
    Map<String, HealthCounts> byCapability = new TreeMap<>(summary.getByCapability());
    for (String capability : new LinkedHashSet<>(member.getCapabilities())) {
      HealthCounts before = byCapability.get(capability);
      Tally after = (before == null ? Tally.ZERO : Tally.of(before)).plus(member.getHealth(), delta);
      if (after.total() <= 0) {
        byCapability.remove(capability);
      } else {
        byCapability.put(capability, counts(after));
      }
    }
    return MeshHealthSummary.newBuilder().setOverall(counts(overall)).setByCapability(byCapability).build();
  }

  private static HealthCounts counts(Tally t) {
    return HealthCounts.newBuilder()
        .setHealthy(t.healthy())
        .setDegraded(t.degraded())
        .setUnhealthy(t.unhealthy())
        .setUnknown(t.unknown())
        .setTotal(t.total())
        .setHealthyRatio(t.total() == 0 ? 0.0 : (double) t.healthy() / t.total())
        .build();
  }

  /** Agents per effective health. */
  private record Tally(int healthy, int degraded, int unhealthy, int unknown) {

    static final Tally ZERO = new Tally(0, 0, 0, 0);

    static Tally of(HealthCounts c) {
      return new Tally(c.getHealthy(), c.getDegraded(), c.getUnhealthy(), c.getUnknown());
    }

    int total() {
      return healthy + degraded + unhealthy + unknown;
    }

    Tally plus(AgentHealth health, int delta) {
      return switch (health) {
        case HEALTHY -> new Tally(healthy + delta, degraded, unhealthy, unknown);
        case DEGRADED -> new Tally(healthy, degraded + delta, unhealthy, unknown);
        case UNHEALTHY -> new Tally(healthy, degraded, unhealthy + delta, unknown);
        default -> new Tally(healthy, degraded, unhealthy, unknown + delta);
      };
    }
  }
}
