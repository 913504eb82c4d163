package io.meshpulse.app;

import io.meshpulse.schema.HealthCheckResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The {@code check} command's table: one row per agent, sorted by name. */
final class CheckTable {

  private static final String[] HEADER = {"AGENT", "HEALTH", "MS", "HTTP", "ERROR"};

  private CheckTable() {}

  static String render(List<HealthCheckResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    results.stream().sorted(Comparator.comparing(HealthCheckResult::getAgent)).forEach(r -> rows.add(new String[] {
        r.getAgent(),
        r.getHealth().name(),
        String.format(Locale.ROOT, "%.1f", r.getResponseTimeMs()),
        r.getHttpStatus() == null ? "-" : String.valueOf(r.getHttpStatus()),
        r.getError() == null ? "" : r.getError()}));
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
        table.append(last ? row[i] : pad(row[i], widths[i] + 2, i == 2));
      }
      table.append(System.lineSeparator());
    }
    return table.toString().replaceAll("(?m)[ \\t]+$", "");
  }

  private static String pad(String value, int width, boolean rightAlign) {
    String spaces = " ".repeat(Math.max(0, width - 2 - value.length()));
    return (rightAlign ? spaces + value : value + spaces) + "  ";
  }
}
