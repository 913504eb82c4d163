package io.meshpulse.app;

import io.meshpulse.query.Json;
import io.meshpulse.query.MeshQueries;
import io.meshpulse.query.QueryServer;
import io.meshpulse.query.QueryTiming;
import io.meshpulse.streams.HealthTopology;
import io.meshpulse.streams.StreamsApp;
import io.meshpulse.streams.TopologyConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Streams application and the query API it backs, started together: the API answers 503
 * until the stores are ready. Closes the API first, then Streams.
 */
final class QueryService implements AutoCloseable {

  private final StreamsApp streams;
  private final QueryServer server;
  private final MeshQueries queries;

  private QueryService(StreamsApp streams, QueryServer server, MeshQueries queries) {
    this.streams = streams;
    this.server = server;
    this.queries = queries;
  }

  /**
   * @param advertised the host:port other instances reach this API at (Streams' application.server)
   */
  static QueryService start(String applicationId, KafkaOptions kafka, TopologyConfig topology, String bindHost,
      int port, HostInfo advertised, Path stateDir, PrometheusMeterRegistry metrics) {
    Map<String, String> passthrough = new LinkedHashMap<>();
    kafka.clientProperties().forEach((k, v) -> passthrough.put(k.toString(), v.toString()));
    passthrough.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
    if (stateDir != null) {
      passthrough.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    }
    StreamsApp app = new StreamsApp(HealthTopology.build(topology),
        StreamsApp.streamsConfig(applicationId, kafka.bootstrapServers, topology, passthrough), metrics);
    MeshQueries queries = new MeshQueries(app.streams(),
        new QueryTiming(topology.windowSize(), topology.windowRetention(), Clock.systemUTC()), advertised, Json.mapper());
    app.start();
    QueryServer server = new QueryServer(queries, app.streams(), metrics, bindHost, port).start();
    return new QueryService(app, server, queries);
  }

  static PrometheusMeterRegistry newMetrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  void awaitRunning(Duration timeout) {
    streams.awaitRunning(timeout);
  }

  MeshQueries queries() {
    return queries;
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    streams.close(Duration.ofSeconds(10));
  }
}
