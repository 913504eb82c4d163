package io.meshpulse.query;

import io.meshpulse.schema.AgentStatus;
import java.util.List;

/**
 * {@code GET /api/agents/{name}}: the agent, its status counters, the window holding "now" and
 * the recent windows (newest first).
 */
public record AgentDetailView(AgentView agent, StatusView status, WindowView currentWindow,
    List<WindowView> recentWindows) {

  /** The threshold state machine's counters, so a user can see how close a change is. */
  public record StatusView(String health, String since, String streakHealth, int streak, int consecutiveFailures,
      int consecutiveSuccesses, long transitions, String lastSeenAt, long intervalMs) {

    static StatusView of(AgentStatus s) {
      return s == null ? null : new StatusView(s.getHealth().name(), s.getSince().toString(),
          s.getStreakHealth().name(), s.getStreak(), s.getConsecutiveFailures(), s.getConsecutiveSuccesses(),
          s.getTransitions(), s.getLastSeenAt().toString(), s.getIntervalMs());
    }
  }
}
