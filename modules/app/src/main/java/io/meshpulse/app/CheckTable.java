package io.meshpulse.app;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.AgentHealth;
import io.meshpulse.schema.HealthCheckResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code check} command's table: one row per agent of the file, sorted by name. An agent
 * without a result (it could not be checked) has a row too, so no agent goes unnoticed.
 */
final class CheckTable {

  private static final String[] HEADER = {"AGENT", "HEALTH", "MS", "HTTP", "ERROR"};
  private static final int MS_COLUMN = 2;

  private CheckTable() {}

  /** Whether every agent of the file has a HEALTHY result. */
  static boolean allHealthy(List<AgentCard> agents, List<HealthCheckResult> results) {
    Map<String, HealthCheckResult> byAgent = byAgent(results);
    return agents.stream().allMatch(a -> byAgent.containsKey(a.getName())
        && byAgent.get(a.getName()).getHealth() == AgentHealth.HEALTHY);
  }

  static String render(List<AgentCard> agents, List<HealthCheckResult> results) {
    Map<String, HealthCheckResult> byAgent = byAgent(results);
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    agents.stream().map(AgentCard::getName).sorted(Comparator.naturalOrder())
        .forEach(name -> rows.add(row(name, byAgent.get(name))));
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        boolean last = i == row.length - 1;
        table.append(last ? row[i] : pad(row[i], widths[i] + 2, i == MS_COLUMN));
      }
      table.append(System.lineSeparator());
    }
    return table.toString().replaceAll("(?m)[ \\t]+$", "");
  }

  private static String[] row(String agent, HealthCheckResult r) {
    if (r == null) {
      return new String[] {agent, AgentHealth.UNKNOWN.name(), "-", "-", "not checked: no result this round"};
    }
    return new String[] {
        agent,
        r.getHealth().name(),
        String.format(Locale.ROOT, "%.1f", r.getResponseTimeMs()),
        r.getHttpStatus() == null ? "-" : String.valueOf(r.getHttpStatus()),
        r.getError() == null ? "" : r.getError()};
  }

  private static Map<String, HealthCheckResult> byAgent(List<HealthCheckResult> results) {
    return results.stream().collect(Collectors.toMap(HealthCheckResult::getAgent, Function.identity(), (a, b) -> a));
  }

  private static String pad(String value, int width, boolean rightAlign) {
    String spaces = " ".repeat(Math.max(0, width - 2 - value.length()));
    return (rightAlign ? spaces + value : value + spaces) + "  ";
  }
}
