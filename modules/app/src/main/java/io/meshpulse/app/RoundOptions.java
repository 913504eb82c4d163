package io.meshpulse.app;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** When probe rounds run, for the commands that run rounds on a schedule (prober, demo); not for a one-off check. */
final class RoundOptions {

  @Option(names = "--interval",
      description = "Start-to-start time of probe rounds (default 10s; " + DemoCommand.INTERVAL + " in demo; at most 24h).")
  String interval;

  @Option(names = "--jitter", description = "Spread each round's checks over this window (default 0; at most the interval).")
  String jitter;

  /** {@code defaults} with the options given over them, as ProberConfig keys. */
  Map<String, String> over(Map<String, String> defaults) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    if (interval != null) {
      values.put("interval", interval);
    }
    if (jitter != null) {
      values.put("jitter", jitter);
    }
    return values;
  }
}
