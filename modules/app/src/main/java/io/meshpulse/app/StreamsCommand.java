package io.meshpulse.app;

import io.meshpulse.query.QueryServer;
import io.meshpulse.schema.config.ConfigException;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the Streams topology and the query API it backs until stopped. */
@Command(name = "streams", mixinStandardHelpOptions = true,
    description = {"Runs the Kafka Streams topology (windows, status, transitions, mesh summary)",
        "and serves the query API and status page from its state stores."})
final class StreamsCommand implements Callable<Integer> {

  @Option(names = "--application-id", defaultValue = "meshpulse-streams",
      description = {"Kafka Streams application id, shared by the instances of one deployment (default ${DEFAULT-VALUE});",
          "letters, digits, '.', '_' and '-': it prefixes the internal topics' names."})
  String applicationId;

  @Option(names = "--port", defaultValue = "8080", converter = Ports.class,
      description = "Port of the query API (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address the query API listens on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--advertise", description = "host:port other instances reach this API at (default localhost:<port>).")
  String advertise;

  @Option(names = "--state-dir",
      description = "Where the state stores live, created if missing; one per instance (default: Kafka Streams' default).")
  Path stateDir;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  TopologyOptions topology;

  @Override
  public Integer call() throws Exception {
    TopologyConfig config = topology.config(kafka.topics());
    ApplicationIds.requireValid("--application-id", applicationId, HealthTopology.build(config).describe());
    HostInfo self = advertised();
    Ports.requireListenable("--bind", bind);
    StateDir state = new StateDir("--state-dir", stateDir == null ? null : Directories.requireWritable("--state-dir", stateDir));
    kafka.validate();
    PrometheusMeterRegistry metrics = QueryService.newMetrics();
    try (Running running = new Running()) {
      running.run(r -> {
        // a port in use is told at once, not after the wait for Kafka
        QueryServer api = r.add(QueryService.listen(bind, port, metrics));
        kafka.ensureTopics();
        r.add(QueryService.start(applicationId, kafka, config, api, self, state, metrics));
      });
    }
    return 0;
  }

  /** The address other instances reach this API at; port 0 (with {@code --port 0}) becomes the bound port. */
  private HostInfo advertised() {
    if (advertise == null) {
      return new HostInfo("localhost", port);
    }
    try {
      HostInfo host = HostInfo.buildFromEndpoint(advertise);
      if (host != null && host.port() >= 0 && host.port() <= Ports.MAX) {
        return host;
      }
    } catch (org.apache.kafka.common.config.ConfigException e) {
      // reported below in meshpulse's words
    }
    throw new ConfigException("--advertise", "expected host:port, got '" + advertise + "'");
  }
}
