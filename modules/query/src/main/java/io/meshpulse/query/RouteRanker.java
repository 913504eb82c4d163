package io.meshpulse.query;

import io.meshpulse.schema.AgentHealth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the agent to serve a capability: among the HEALTHY agents with it, the lowest recent p95
 * (agents without latency data yet rank after those with; equal p95s by name). When none is
 * HEALTHY, the best DEGRADED agent is named as a fallback, and the answer says so. When none is
 * either, there is no route. The candidates are listed in that rank order: HEALTHY, DEGRADED,
 * then the others, each by p95 and name.
 */
public final class RouteRanker {

  private static final Comparator<AgentView> FASTEST_FIRST = Comparator
      .comparing((AgentView a) -> a.p95Ms() == null ? Double.MAX_VALUE : a.p95Ms())
      .thenComparing(AgentView::name);
  private static final Comparator<AgentView> RANK = Comparator
      .comparing((AgentView a) -> servingOrder(a.health())).thenComparing(FASTEST_FIRST);

  private RouteRanker() {}

  public static RouteAnswer route(String capability, List<AgentView> agents) {
    List<AgentView> capable = agents.stream().filter(a -> a.capabilities().contains(capability)).toList();
    List<RouteAnswer.Candidate> candidates = capable.stream().sorted(RANK)
        .map(a -> new RouteAnswer.Candidate(a.name(), a.health(), a.p95Ms())).toList();
    List<AgentView> healthy = byHealth(capable, AgentHealth.HEALTHY);
    if (!healthy.isEmpty()) {
      return answer(capability, healthy.get(0), candidates,
          reason("lowest recent p95", healthy.get(0), healthy.size(), "healthy", capability));
    }
    List<AgentView> degraded = byHealth(capable, AgentHealth.DEGRADED);
    if (!degraded.isEmpty()) {
      return answer(capability, degraded.get(0), candidates,
          "no healthy agent has " + capability + "; fallback to a degraded one: "
              + reason("lowest recent p95", degraded.get(0), degraded.size(), "degraded", capability));
    }
    String why = capable.isEmpty()
        ? "no registered agent has capability " + capability
        : "no healthy or degraded agent has capability " + capability + " (" + capable.size() + " registered)";
    return new RouteAnswer(capability, null, null, null, null, why, candidates);
  }

  private static int servingOrder(AgentHealth health) {
    return switch (health) {
      case HEALTHY -> 0;
      case DEGRADED -> 1;
      default -> 2;
    };
  }

  private static List<AgentView> byHealth(List<AgentView> agents, AgentHealth health) {
    return agents.stream().filter(a -> a.health() == health).sorted(FASTEST_FIRST).toList();
  }

  private static RouteAnswer answer(String capability, AgentView chosen, List<RouteAnswer.Candidate> candidates,
      String reason) {
    return new RouteAnswer(capability, chosen.name(), chosen.url(), chosen.health(), chosen.p95Ms(), reason,
        candidates);
  }

  private static String reason(String rule, AgentView chosen, int among, String kind, String capability) {
    String p95 = chosen.p95Ms() == null ? "no latency data yet" : String.format(Locale.ROOT, "%.1f ms", chosen.p95Ms());
    return rule + " (" + p95 + ") of " + among + " " + kind + " agent" + (among == 1 ? "" : "s") + " with " + capability;
  }
}
