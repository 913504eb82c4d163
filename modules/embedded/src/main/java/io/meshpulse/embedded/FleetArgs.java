package io.meshpulse.embedded;

import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link FleetMain}.
 *
 * @param mix {@code healthy} (every agent {@code healthy(latency)}) or {@code demo} ({@link DemoMix})
 * @param watchStdin stop when stdin closes (besides SIGTERM)
 */
record FleetArgs(int agents, Duration latency, int firstIpBlock, int port, Path out, String mix, boolean watchStdin) {

  static final String USAGE = """
      usage: FleetMain --agents N --out FILE [--latency 200ms] [--first-ip-block K] [--port P]
                       [--mix healthy|demo] [--no-stdin]
        --agents N          agents to simulate; agent i listens on 127.x.y.(1 + i % 250), block K + i / 250
        --out FILE          where to write the agents YAML (name, url, capabilities)
        --latency D         how long each healthy agent takes to answer (default 200ms)
        --first-ip-block K  first /24 block of addresses (default 1); a second process on the same host
                            starts at K + ceil(N / 250) so the addresses do not overlap
        --port P            port of every agent (default 0: an ephemeral port each)
        --mix M             healthy (default) or demo (a mix of misbehaving agents)
        --no-stdin          run until SIGTERM only (default: also stop when stdin closes)
      prints READY <n> on stdout once every agent listens""";

  private static final Set<String> FLAGS = Set.of("--no-stdin");
  private static final Set<String> OPTIONS = Set.of("--agents", "--out", "--latency", "--first-ip-block", "--port", "--mix");

  FleetArgs {
    if (agents < 1) {
      throw new ConfigException("--agents", "must be at least 1, got " + agents);
    }
    if (!mix.equals("healthy") && !mix.equals("demo")) {
      throw new ConfigException("--mix", "must be healthy or demo, got '" + mix + "'");
    }
  }

  static FleetArgs parse(String... args) {
    Map<String, String> values = new HashMap<>();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (FLAGS.contains(name)) {
        flags.add(name);
      } else if (OPTIONS.contains(name) && i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new ConfigException(name, OPTIONS.contains(name) ? "needs a value" : "unknown option");
      }
    }
    return new FleetArgs(
        integer(values, "--agents", null),
        Durations.parse("--latency", values.getOrDefault("--latency", "200ms")),
        integer(values, "--first-ip-block", 1),
        integer(values, "--port", 0),
        Path.of(required(values, "--out")),
        values.getOrDefault("--mix", "healthy"),
        !flags.contains("--no-stdin"));
  }

  /** Agent names carry their index across processes: agent i of a fleet starting at block K is {@code agent-<(K-1)*250 + i>}. */
  List<AgentSpec> specs() {
    if (mix.equals("demo")) {
      return DemoMix.specs(agents);
    }
    int offset = (firstIpBlock - 1) * FleetAddresses.AGENTS_PER_BLOCK;
    List<AgentSpec> specs = new ArrayList<>(agents);
    for (int i = 0; i < agents; i++) {
      String capability = DemoMix.CAPABILITIES.get((offset + i) % DemoMix.CAPABILITIES.size());
      specs.add(AgentSpec.of(String.format("agent-%05d", offset + i), Behaviour.healthy(latency), capability));
    }
    return specs;
  }

  FleetOptions options() {
    return FleetOptions.defaults().withFirstIpBlock(firstIpBlock).withPort(port);
  }

  private static String required(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new ConfigException(name, "is required");
    }
    return value;
  }

  private static int integer(Map<String, String> values, String name, Integer fallback) {
    String value = fallback == null ? required(values, name) : values.getOrDefault(name, fallback.toString());
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "expected a whole number, got '" + value + "'");
    }
  }
}
