package io.meshpulse.app;

import io.meshpulse.prober.ProberConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How each check is made, as command-line options; each is optional (see ProberConfig for
 * defaults). When rounds run is {@link RoundOptions}' part.
 */
final class ProberOptions {

  /** Each ProberConfig key is set by the option of the same name (interval and jitter: {@link RoundOptions}). */
  private static final Map<String, String> OPTION_BY_KEY = Map.of("interval", "--interval", "timeout", "--timeout",
      "jitter", "--jitter", "max-concurrency", "--max-concurrency", "max-connecting", "--max-connecting",
      "degraded-after", "--degraded-after", "body-cap", "--body-cap", "prober-id", "--prober-id");

  @Option(names = "--timeout", description = "Default per-check timeout (default 5s; " + DemoCommand.TIMEOUT
      + " in demo; at most 10m); an agent's own timeout wins.")
  String timeout;

  @Option(names = "--max-concurrency", description = "Checks in flight at once (default 10000).")
  String maxConcurrency;

  @Option(names = "--max-connecting", description = "Checks opening a new connection at once (default 256).")
  String maxConnecting;

  @Option(names = "--degraded-after", description = "A slower successful response is DEGRADED (default 1s, at most 10m).")
  String degradedAfter;

  @Option(names = "--body-cap", description = "Bytes of a response body read at most (default 65536).")
  String bodyCap;

  @Option(names = "--prober-id", description = "Name of this prober instance in results (default pid@host).")
  String proberId;

  ProberConfig config() {
    return config(Map.of());
  }

  /** The options given, over {@code defaults} (ProberConfig keys, e.g. {@link RoundOptions#over}). */
  ProberConfig config(Map<String, String> defaults) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    put(values, "timeout", timeout);
    put(values, "max-concurrency", maxConcurrency);
    put(values, "max-connecting", maxConnecting);
    put(values, "degraded-after", degradedAfter);
    put(values, "body-cap", bodyCap);
    put(values, "prober-id", proberId);
    return OptionNames.renamed(OPTION_BY_KEY, () -> ProberConfig.fromMap(values));
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null) {
      values.put(key, value);
    }
  }
}
