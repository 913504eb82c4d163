package io.meshpulse.embedded;

import io.meshpulse.schema.AgentCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Writes agent cards as the agents file of DESIGN.md ({@code agents: - name/url/capabilities[/timeout/labels]}). */
public final class AgentsYaml {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_./][A-Za-z0-9_./:@+-]*");
  private static final Pattern RESERVED = Pattern.compile("(?i)true|false|yes|no|on|off|null|y|n");

  private AgentsYaml() {}

  public static String render(List<AgentCard> cards) {
    StringBuilder yaml = new StringBuilder("agents:\n");
    for (AgentCard card : cards) {
      yaml.append("  - name: ").append(scalar(card.getName())).append('\n');
      yaml.append("    url: ").append(scalar(card.getUrl())).append('\n');
      yaml.append("    capabilities: [")
          .append(card.getCapabilities().stream().map(AgentsYaml::flowScalar).collect(Collectors.joining(", ")))
          .append("]\n");
      if (card.getTimeoutMs() != null) {
        yaml.append("    timeout: ").append(card.getTimeoutMs()).append("ms\n");
      }
      if (!card.getLabels().isEmpty()) {
        yaml.append("    labels: {").append(labels(card.getLabels())).append("}\n");
      }
    }
    return yaml.toString();
  }

  /** Writes the file whole: readers never see half of it. */
  public static void write(List<AgentCard> cards, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, render(cards), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write agents file " + file, e);
    }
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> flowScalar(e.getKey()) + ": " + flowScalar(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Plain when it reads back as the same string, else double-quoted with escapes. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !s.contains(": ") && !RESERVED.matcher(s).matches()) {
      return s;
    }
    return quoted(s);
  }

  /** Inside {@code [...]} or {@code {...}}: as {@link #scalar}, and quoted when it holds a colon. */
  static String flowScalar(String s) {
    return s.contains(":") ? quoted(s) : scalar(s);
  }

  private static String quoted(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
