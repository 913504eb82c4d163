package io.meshpulse.app;

import io.meshpulse.schema.Topics;
import io.meshpulse.streams.TopologyConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The topology's settings as options; any TopologyConfig key can also be set with --set. */
final class TopologyOptions {

  @Option(names = "--window", description = "Window size of the statistics (default 1m).")
  String window;

  @Option(names = "--window-advance", description = "Hop of the windows (default: the size, i.e. tumbling).")
  String windowAdvance;

  @Option(names = "--grace", description = "How late a check may arrive for its window (default 10s).")
  String grace;

  @Option(names = "--unhealthy-after", description = "Consecutive worse checks before the status changes (default 3).")
  String unhealthyAfter;

  @Option(names = "--healthy-after", description = "Consecutive better checks before the status changes (default 2).")
  String healthyAfter;

  @Option(names = "--expected-interval", description = "The probers' check interval, for the UNKNOWN rule (default 10s).")
  String expectedInterval;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any topology setting, e.g. --set window.retention=2h.")
  Map<String, String> settings = new LinkedHashMap<>();

  TopologyConfig config(Topics topics) {
    return config(topics, Map.of());
  }

  /** The options given, over {@code defaults}. */
  TopologyConfig config(Topics topics, Map<String, String> defaults) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    values.put(TopologyConfig.TOPICS_PREFIX, topics.prefix());
    put(values, TopologyConfig.WINDOW_SIZE, window);
    put(values, TopologyConfig.WINDOW_ADVANCE, windowAdvance);
    put(values, TopologyConfig.WINDOW_GRACE, grace);
    put(values, TopologyConfig.UNHEALTHY_AFTER, unhealthyAfter);
    put(values, TopologyConfig.HEALTHY_AFTER, healthyAfter);
    put(values, TopologyConfig.DEFAULT_INTERVAL, expectedInterval);
    values.putAll(settings);
    Map<String, String> optionByKey = new LinkedHashMap<>();
    optionByKey.put(TopologyConfig.WINDOW_SIZE, "--window");
    optionByKey.put(TopologyConfig.WINDOW_ADVANCE, "--window-advance");
    optionByKey.put(TopologyConfig.WINDOW_GRACE, "--grace");
    optionByKey.put(TopologyConfig.UNHEALTHY_AFTER, "--unhealthy-after");
    optionByKey.put(TopologyConfig.HEALTHY_AFTER, "--healthy-after");
    optionByKey.put(TopologyConfig.DEFAULT_INTERVAL, "--expected-interval");
    // a key given with --set is named as such in the error, e.g. "--set window.retention: ..."
    settings.keySet().forEach(key -> optionByKey.put(key, "--set " + key));
    return OptionNames.renamed(optionByKey, () -> TopologyConfig.fromMap(values));
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
