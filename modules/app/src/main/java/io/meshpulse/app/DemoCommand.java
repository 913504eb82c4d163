package io.meshpulse.app;

import io.meshpulse.alerts.LogAlertSink;
import io.meshpulse.embedded.DataDirInUseException;
import io.meshpulse.embedded.EmbeddedKafka;
import io.meshpulse.embedded.SimulatedFleet;
import io.meshpulse.prober.ProberConfig;
import io.meshpulse.prober.registry.AgentCatalog;
import io.meshpulse.query.MeshHealthView;
import io.meshpulse.query.MeshQueries;
import io.meshpulse.query.QueryServer;
import io.meshpulse.query.StoresUnavailableException;
import io.meshpulse.schema.Topics;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.schema.config.Durations;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one process: an embedded single-node Kafka broker (KRaft), a simulated
 * fleet on loopback, the prober, the Streams topology with the query API, and the alert consumer.
 * Every option is checked, and the API's port bound, before the broker starts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline on an embedded Kafka broker with a simulated agent fleet.",
        "Probes every " + DemoCommand.INTERVAL + " with a " + DemoCommand.TIMEOUT
            + " timeout unless --interval and --timeout say otherwise.",
        "Then: curl localhost:8080/api/mesh/health, or open http://localhost:8080/. Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

  /** The demo's round interval and check timeout, shorter than the prober's, so that changes show quickly. */
  static final String INTERVAL = "3s";
  static final String TIMEOUT = "2s";
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration READY_POLL = Duration.ofMillis(200);
  private static final int MAX_AGENTS = 10_000;
  /** A simulated agent's listening socket, its end of the prober's connection, and the prober's end. */
  private static final int OPEN_FILES_PER_AGENT = 3;
  private static final Duration MAX_SCENARIO_EVERY = Duration.ofDays(1);
  /** The state directory's name says it is the demo's own, disposable (see ExpectedNoise). */
  static final String STATE_DIR_PREFIX = "meshpulse-demo-state-";

  @Option(names = "--port", defaultValue = "8080", converter = Ports.class,
      description = "Port of the query API (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--agents", defaultValue = "20", description = "Simulated agents (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--kafka-port", defaultValue = "0", converter = Ports.class,
      description = "Port of the embedded broker on 127.0.0.1 (default: a free one; printed at start).")
  int kafkaPort;

  @Option(names = "--data-dir",
      description = "Keep the broker's log and the state stores here, created if missing (default: temporary).")
  Path dataDir;

  @Option(names = "--scenario-every", defaultValue = "60s",
      description = "Every so often one agent goes down for a third of it, to show transitions (default ${DEFAULT-VALUE}; 0 = off).")
  String scenarioEvery;

  @Mixin
  ProberOptions prober;

  @Mixin
  RoundOptions rounds;

  @Mixin
  TopologyOptions topology;

  /** What the options say, every one checked. */
  private record Settings(ProberConfig prober, TopologyConfig topology, Duration scenarioCycle) {}

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    Settings settings = settings();
    try (Running running = new Running()) {
      running.run(r -> start(r, settings, start));
    }
    return 0;
  }

  /** Every option parsed and checked, before anything starts. */
  private Settings settings() {
    if (agents < 1 || agents > MAX_AGENTS) {
      throw new ConfigException("--agents", "must be from 1 to " + MAX_AGENTS + ", got " + agents);
    }
    OpenFiles.limit().ifPresent(limit -> OpenFiles.requireRoom("--agents", agents, OPEN_FILES_PER_AGENT, limit));
    ProberConfig proberConfig = prober.config(rounds.over(Map.of("interval", INTERVAL, "timeout", TIMEOUT)));
    TopologyConfig topologyConfig = topology.config(new Topics(Topics.DEFAULT_PREFIX),
        Map.of(TopologyConfig.DEFAULT_INTERVAL, Durations.format(proberConfig.interval())));
    Duration cycle = scenarioEvery.trim().equals("0") ? Duration.ZERO
        : Durations.parse("--scenario-every", scenarioEvery, MAX_SCENARIO_EVERY);
    Ports.requireFree("--kafka-port", "127.0.0.1", kafkaPort);
    if (dataDir != null) {
      requireOwnDataDir();
      Directories.requireWritable("--data-dir", kafkaDir());
      Directories.requireWritable("--data-dir", streamsDir());
    }
    return new Settings(proberConfig, topologyConfig, cycle);
  }

  private void start(Running running, Settings settings, long startNanos) throws Exception {
    PrometheusMeterRegistry metrics = QueryService.newMetrics();
    // the API's port first: one in use fails before the broker and the fleet start
    QueryServer api = running.add(QueryService.listen("0.0.0.0", port, metrics));
    EmbeddedKafka kafka = running.add(running.uninterruptibly(this::startBroker));
    LOG.info("embedded Kafka broker ready at {}", kafka.bootstrapServers());
    KafkaOptions options = KafkaOptions.local(kafka.bootstrapServers(), 3);
    options.ensureTopics();
    SimulatedFleet fleet = running.add(SimulatedFleet.demoMix(agents));
    try (AgentCatalog catalog = new AgentCatalog(options.topics().agents(), options.clientProperties())) {
      catalog.register(fleet.cards());
    }
    LOG.info("simulated fleet of {} agents registered", fleet.agents().size());
    // fresh broker, fresh state: a store left by an earlier run would not match this broker's topics
    Path stateDir = dataDir != null ? streamsDir() : running.add(TempDir.create(STATE_DIR_PREFIX)).path();
    Pipeline pipeline = running.add(Pipeline.start(new Pipeline.Settings("meshpulse-demo", options, settings.prober(),
        settings.topology(), "0.0.0.0", api.port(), new StateDir("--data-dir", stateDir)), api,
        List.of(new LogAlertSink()), metrics));
    if (!settings.scenarioCycle().isZero()) {
      running.add(DemoScenario.start(fleet, settings.scenarioCycle(), settings.scenarioCycle().dividedBy(3)));
    }
    awaitFleetVisible(running, pipeline.query().queries(), fleet.agents().size(), pipeline.port(), startNanos);
  }

  /** The embedded broker; a data directory another broker (another demo) is using is bad input, named as --data-dir. */
  private EmbeddedKafka startBroker() {
    EmbeddedKafka.Options options = EmbeddedKafka.Options.defaults().withBrokerPort(kafkaPort);
    try {
      return EmbeddedKafka.start(dataDir == null ? options : options.withDataDir(kafkaDir()));
    } catch (DataDirInUseException e) {
      throw new ConfigException("--data-dir", e.dataDir() + " is in use by another running Kafka broker (another demo?);"
          + " stop it, or give this demo its own --data-dir");
    }
  }

  /** Not empty, and not inside a Kafka log directory: that broker would take the demo's files for a partition's. */
  private void requireOwnDataDir() {
    if (dataDir.toString().isBlank()) {
      throw new ConfigException("--data-dir", "must not be empty");
    }
    for (Path dir = dataDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("meta.properties"))) {
        throw new ConfigException("--data-dir", dataDir + " is inside the Kafka log directory " + dir
            + "; give the demo a directory of its own");
      }
    }
  }

  private Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  private Path streamsDir() {
    return dataDir.resolve("streams");
  }

  /** Logs when the API first shows every agent with a check, and how long that took; a stop request ends the wait. */
  private static void awaitFleetVisible(Running running, MeshQueries queries, int expected, int port, long startNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (fleetVisible(queries, expected)) {
        LOG.info("demo ready in {} ms: curl localhost:{}/api/mesh/health, or open http://localhost:{}/ (Ctrl-C stops)",
            Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), port, port);
        return;
      }
      if (running.awaitStopRequest(READY_POLL)) {
        return;
      }
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
