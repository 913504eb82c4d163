package io.meshpulse.prober.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the agents file, the user-facing contract of a static registry:
 *
 * <pre>
 * agents:
 *   - name: billing-agent              # unique; letters, digits, '.', '_', '-'
 *     url: http://10.0.0.7:8080/health # what the prober GETs
 *     capabilities: [invoices, refunds]
 *     timeout: 2s                      # optional
 *     labels: {team: payments}         # optional
 * </pre>
 *
 * Optional per-agent settings besides {@code timeout}: {@code interval}, {@code degraded-after},
 * {@code expected-status} (list of codes), {@code unhealthy-after}, {@code healthy-after}. Every
 * error names the file and the field, e.g. {@code agents.yaml: agents[2].url: ...}; a key given
 * twice in one mapping is an error naming the line and the key; the whole file is rejected,
 * never half-read.
 */
public final class AgentsFile {

  /** Strict about duplicate keys: YAML would keep the last of two {@code url:} silently. */
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private AgentsFile() {}

  public static List<AgentCard> read(Path file) {
    return parse(text(file), file.getFileName().toString());
  }

  /** The file's text, or a {@link ConfigException} naming it when it cannot be read. */
  static String text(Path file) {
    return TextFiles.read(file);
  }

  public static List<AgentCard> parse(String yaml, String source) {
    try {
      return cards(tree(yaml, source));
    } catch (ConfigException e) {
      throw new ConfigException(source + ": " + e.field(), e.getMessage().substring(e.field().length() + 2));
    }
  }

  private static JsonNode tree(String yaml, String source) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new ConfigException("agents", "the file is empty; expected 'agents:' with a list");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw YamlErrors.oneLine(e);
    }
  }

  private static List<AgentCard> cards(JsonNode root) {
    if (!root.isObject() || !root.has("agents")) {
      throw new ConfigException("agents", "missing; the file must start with 'agents:' and a list");
    }
    JsonNode list = root.get("agents");
    if (list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new ConfigException("agents", "must be a list of agents");
    }
    List<AgentCard> cards = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      AgentCard card = AgentEntry.card("agents[" + i + "]", list.get(i));
      if (!names.add(card.getName())) {
        throw new ConfigException("agents[" + i + "].name", "duplicate agent name '" + card.getName() + "'");
      }
      cards.add(card);
    }
    return List.copyOf(cards);
  }
}
