package io.meshpulse.app;

import io.javalin.util.JavalinBindException;
import io.meshpulse.query.Json;
import io.meshpulse.query.MeshQueries;
import io.meshpulse.query.QueryServer;
import io.meshpulse.query.QueryTiming;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.StartupCatchUp;
import io.meshpulse.streams.StreamsApp;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Streams application and the query API it backs, started together: the API answers 503
 * until the stores are ready and have caught up with the topics ({@link StartupCatchUp}). Closes
 * the API first, then Streams. Public for embedding (the benchmarks) through
 * {@link #startOnLoopback}.
 */
public final class QueryService implements AutoCloseable {

  private final StreamsApp streams;
  private final QueryServer server;
  private final MeshQueries queries;
  private final StartupCatchUp catchUp;

  private QueryService(StreamsApp streams, QueryServer server, MeshQueries queries, StartupCatchUp catchUp) {
    this.streams = streams;
    this.server = server;
    this.queries = queries;
    this.catchUp = catchUp;
  }

  /**
   * Binds the API first (it answers 503 until the stores are ready), then starts Streams with the
   * API's address as {@code application.server}.
   *
   * @param advertised the host:port other instances reach this API at; port 0 stands for the port
   *     the API is bound to (useful with {@code port} 0)
   */
  static QueryService start(String applicationId, KafkaOptions kafka, TopologyConfig topology, String bindHost,
      int port, HostInfo advertised, StateDir stateDir, PrometheusMeterRegistry metrics) {
    return start(applicationId, kafka, topology, listen(bindHost, port, metrics), advertised, stateDir, metrics);
  }

  /**
   * The query API listening on {@code bindHost:port}, answering 503 until {@link #start} gives it
   * Streams. A port in use is bad input, named as {@code --port}; an address that cannot be listened
   * on, as {@code --bind}.
   */
  static QueryServer listen(String bindHost, int port, PrometheusMeterRegistry metrics) {
    try {
      return QueryServer.listen(metrics, bindHost, port);
    } catch (JavalinBindException e) {
      throw Ports.notListening("--bind", "--port", bindHost, port, e);
    }
  }

  /** As above, on a server already listening (see {@link #listen}), which the service then owns and closes. */
  static QueryService start(String applicationId, KafkaOptions kafka, TopologyConfig topology, QueryServer server,
      HostInfo advertised, StateDir stateDir, PrometheusMeterRegistry metrics) {
    try {
      HostInfo self = advertised.port() == 0 ? new HostInfo(advertised.host(), server.port()) : advertised;
      StreamsApp app = streamsApp(topology, StreamsApp.streamsConfig(applicationId, kafka.bootstrapServers, topology,
          passthrough(kafka, self, stateDir.path())), stateDir, metrics);
      StartupCatchUp catchUp = StartupCatchUp.start(kafka.clientProperties(), applicationId,
          List.of(topology.topics().agents(), topology.topics().checks()));
      MeshQueries queries = new MeshQueries(app.streams(),
          new QueryTiming(topology.windowSize(), topology.windowRetention(), Clock.systemUTC()), self, Json.mapper(),
          catchUp::behind);
      server.serve(queries, app.streams());
      app.start();
      return new QueryService(app, server, queries, catchUp);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Kafka Streams for the topology; a state directory it cannot use (locked, uncreatable) is named as its option. */
  private static StreamsApp streamsApp(TopologyConfig topology, Properties config, StateDir stateDir,
      PrometheusMeterRegistry metrics) {
    Topology built = HealthTopology.build(topology);
    try {
      return new StreamsApp(built, config, metrics);
    } catch (StreamsException e) {
      throw stateDir.explain(e, config);
    }
  }

  /**
   * One instance as {@code meshpulse streams} runs it, its API on a free loopback port; the topics
   * under {@code topology}'s prefix must exist.
   *
   * @param kafka Kafka settings as {@code --kafka} takes them
   */
  public static QueryService startOnLoopback(String applicationId, String bootstrapServers, TopologyConfig topology,
      Map<String, String> kafka, Path stateDir) {
    KafkaOptions options = KafkaOptions.local(bootstrapServers, topology.topics().prefix(), 1);
    options.kafka.putAll(kafka);
    return start(applicationId, options, topology, "127.0.0.1", 0, new HostInfo("127.0.0.1", 0),
        new StateDir("stateDir", stateDir), newMetrics());
  }

  private static Map<String, String> passthrough(KafkaOptions kafka, HostInfo self, Path stateDir) {
    Map<String, String> passthrough = new LinkedHashMap<>();
    kafka.clientProperties().forEach((k, v) -> passthrough.put(k.toString(), v.toString()));
    passthrough.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    if (stateDir != null) {
      passthrough.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    }
    return passthrough;
  }

  static PrometheusMeterRegistry newMetrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  public void awaitRunning(Duration timeout) {
    streams.awaitRunning(timeout);
  }

  MeshQueries queries() {
    return queries;
  }

  /** The running Kafka Streams, e.g. to ask which instance owns a key. */
  public KafkaStreams kafkaStreams() {
    return streams.streams();
  }

  /** The port the query API listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    catchUp.close();
    streams.close(Duration.ofSeconds(10));
  }
}
