package io.meshpulse.prober.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.SafeUrls;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One entry of the agents file, validated field by field. */
final class AgentEntry {

  private static final Set<String> FIELDS = Set.of("name", "url", "capabilities", "labels", "timeout", "interval",
      "degraded-after", "expected-status", "unhealthy-after", "healthy-after");

  private AgentEntry() {}

  static AgentCard card(String path, JsonNode entry) {
    if (entry == null || !entry.isObject()) {
      throw new ConfigException(path, "must be a mapping with at least name and url");
    }
    rejectUnknownFields(path, entry);
    String name = AgentNames.requireValid(path + ".name", requiredText(path + ".name", entry.get("name")));
    return AgentCard.newBuilder()
        .setName(name)
        .setUrl(url(path + ".url", requiredText(path + ".url", entry.get("url"))))
        .setCapabilities(strings(path + ".capabilities", entry.get("capabilities")))
        .setLabels(labels(path + ".labels", entry.get("labels")))
        .setTimeoutMs(millis(path + ".timeout", entry.get("timeout"), ProberConfig.MAX_TIMEOUT))
        .setIntervalMs(millis(path + ".interval", entry.get("interval"), ProberConfig.MAX_INTERVAL))
        .setDegradedAfterMs(millis(path + ".degraded-after", entry.get("degraded-after"), ProberConfig.MAX_TIMEOUT))
        .setExpectedStatus(statuses(path + ".expected-status", entry.get("expected-status")))
        .setUnhealthyAfter(count(path + ".unhealthy-after", entry.get("unhealthy-after")))
        .setHealthyAfter(count(path + ".healthy-after", entry.get("healthy-after")))
        .build();
  }

  private static void rejectUnknownFields(String path, JsonNode entry) {
    for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new ConfigException(path + "." + field,
            "unknown field; known: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
  }

  private static String requiredText(String path, JsonNode node) {
    if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
      throw new ConfigException(path, "required");
    }
    return node.asText().trim();
  }

  private static String url(String path, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(path, "must be an absolute http:// or https:// URL, got '" + SafeUrls.redact(text) + "'");
      }
      if (uri.getPort() == 0 || uri.getPort() > 65_535) {
        throw new ConfigException(path, "port " + uri.getPort() + " is out of range (1-65535)");
      }
      return text;
    } catch (URISyntaxException e) {
      // the parser's message quotes the URL: keep any credentials out of it
      throw new ConfigException(path, "not a valid URL: " + e.getReason() + " at index " + e.getIndex() + " of '"
          + SafeUrls.redact(text) + "'");
    }
  }

  private static List<String> strings(String path, JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw new ConfigException(path, "must be a list, e.g. [search, summarize]");
    }
    for (int i = 0; i < node.size(); i++) {
      values.add(requiredText(path + "[" + i + "]", node.get(i)));
    }
    return values;
  }

  private static Map<String, String> labels(String path, JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      throw new ConfigException(path, "must be a mapping, e.g. {team: payments}");
    }
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), requiredText(path + "." + e.getKey(), e.getValue())));
    return labels;
  }

  private static Long millis(String path, JsonNode node, Duration max) {
    if (node == null || node.isNull()) {
      return null;
    }
    return Durations.parsePositive(path, node.asText(), max).toMillis();
  }

  private static List<Integer> statuses(String path, JsonNode node) {
    List<Integer> codes = new ArrayList<>();
    if (node == null || node.isNull()) {
      return codes;
    }
    JsonNode list = node.isArray() ? node : JsonNodeFactory.instance.arrayNode().add(node);
    for (int i = 0; i < list.size(); i++) {
      JsonNode code = list.get(i);
      if (!code.canConvertToInt() || code.asInt() < 100 || code.asInt() > 599) {
        throw new ConfigException(path + "[" + i + "]", "must be an HTTP status code (100-599), got '" + code.asText() + "'");
      }
      codes.add(code.asInt());
    }
    return codes;
  }

  private static Integer count(String path, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || node.asInt() < 1) {
      throw new ConfigException(path, "must be a whole number of at least 1, got '" + node.asText() + "'");
    }
    return node.asInt();
  }
}
