package io.meshpulse.app;

import io.meshpulse.alerts.LogAlertSink;
import io.meshpulse.embedded.EmbeddedKafka;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.query.MeshHealthView;
import io.meshpulse.query.MeshQueries;
import io.meshpulse.query.StoresUnavailableException;
import io.meshpulse.streams.TopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one process: an embedded single-node Kafka broker (KRaft), a simulated
 * fleet on loopback, the prober, the Streams topology with the query API, and the alert consumer.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline on an embedded Kafka broker with a simulated agent fleet.",
        "Then: curl localhost:8080/api/mesh/health, or open http://localhost:8080/. Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  /** The state directory's name says it is the demo's own, disposable (see ExpectedNoise). */
  static final String STATE_DIR_PREFIX = "meshpulse-demo-state-";

  @Option(names = "--port", defaultValue = "8080", description = "Port of the query API (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--agents", defaultValue = "20", description = "Simulated agents (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--kafka-port", defaultValue = "0",
      description = "Port of the embedded broker on 127.0.0.1 (default: a free one; printed at start).")
  int kafkaPort;

  @Option(names = "--data-dir", description = "Keep the broker's log and the state stores here (default: temporary).")
  Path dataDir;

  @Option(names = "--scenario-every", defaultValue = "60s",
      description = "Every so often one agent goes down for a third of it, to show transitions (default ${DEFAULT-VALUE}; 0 = off).")
  String scenarioEvery;

  @Mixin
  ProberOptions prober;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    ProberConfig proberConfig = prober.config(Map.of("interval", "3s", "timeout", "2s"));
    try (Running running = new Running()) {
      EmbeddedKafka kafka = running.add(EmbeddedKafka.start(brokerOptions()));
      LOG.info("embedded Kafka broker ready at {}", kafka.bootstrapServers());
      KafkaOptions options = KafkaOptions.local(kafka.bootstrapServers(), 3);
      options.ensureTopics();
      SimulatedFleet fleet = running.add(SimulatedFleet.demoMix(agents));
      try (AgentCatalog catalog = new AgentCatalog(options.topics().agents(), options.clientProperties())) {
        catalog.register(fleet.cards());
      }
      LOG.info("simulated fleet of {} agents registered", fleet.agents().size());
      TopologyConfig topology = TopologyConfig.fromMap(Map.of(TopologyConfig.TOPICS_PREFIX, options.topicPrefix,
          TopologyConfig.DEFAULT_INTERVAL, proberConfig.interval().toMillis() + "ms"));
      // fresh broker, fresh state: a store left by an earlier run would not match this broker's topics
      Path stateDir = dataDir != null ? dataDir.resolve("streams") : running.add(TempDir.create(STATE_DIR_PREFIX)).path();
      Pipeline pipeline = running.add(Pipeline.start(
          new Pipeline.Settings("meshpulse-demo", options, proberConfig, topology, "0.0.0.0", port, stateDir),
          List.of(new LogAlertSink()), QueryService.newMetrics()));
      startScenario(running, fleet);
      awaitFleetVisible(pipeline.query().queries(), fleet.agents().size(), pipeline.port(), start);
      running.awaitStop();
    }
    return 0;
  }

  private EmbeddedKafka.Options brokerOptions() {
    EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withBrokerPort(kafkaPort);
    return dataDir == null ? options : options.withDataDir(dataDir.resolve("kafka"));
  }

  private void startScenario(Running running, SimulatedFleet fleet) {
    Duration cycle = scenarioEvery.trim().equals("0") ? Duration.ZERO
        : io.meshpulse.schema.config.Durations.parse("--scenario-every", scenarioEvery);
    if (!cycle.isZero()) {
      running.add(DemoScenario.start(fleet, cycle, cycle.dividedBy(3)));
    }
  }

  /** Logs when the API first shows every agent with a check, and how long that took. */
  private static void awaitFleetVisible(MeshQueries queries, int expected, int port, long startNanos) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (fleetVisible(queries, expected)) {
        LOG.info("demo ready in {} ms: curl localhost:{}/api/mesh/health, or open http://localhost:{}/ (Ctrl-C stops)",
            Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), port, port);
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    LOG.warn("the API does not show all {} agents after {} s; see the log above", expected, READY_TIMEOUT.toSeconds());
  }

  private static boolean fleetVisible(MeshQueries queries, int expected) {
    try {
      MeshHealthView mesh = queries.meshHealth();
      return mesh.totalCount() == expected && mesh.agents().size() == expected
          && mesh.agents().stream().allMatch(a -> a.checkedAt() != null);
    } catch (StoresUnavailableException e) {
      return false;
    }
  }
}
