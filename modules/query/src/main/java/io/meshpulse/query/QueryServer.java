package io.meshpulse.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over the state stores, the status page and the metrics scrape. Errors are mapped
 * to status codes in one place: 503 with Retry-After while the stores cannot answer, 404 for an
 * unknown agent or capability, 400 for a bad request.
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final String RETRY_AFTER_SECONDS = "1";

  private final Javalin app;

  public QueryServer(MeshQueries queries, KafkaStreams streams, PrometheusMeterRegistry metrics, String host,
      int port) {
    ObjectMapper json = Json.mapper();
    this.app = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(json, false));
      config.staticFiles.add("/public", Location.CLASSPATH);
      config.jetty.host = host;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      new ApiRoutes(queries).register(config.routes);
      config.routes.get("/healthz", ctx -> liveness(ctx, streams));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
      config.routes.exception(StoresUnavailableException.class, (e, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", RETRY_AFTER_SECONDS).json(Map.of("error", e.getMessage())));
      config.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error: " + e.getMessage()));
      });
    });
  }

  public QueryServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  private static void liveness(Context ctx, KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    boolean alive = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
    ctx.status(alive ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("streams", state.name()));
  }

  @Override
  public void close() {
    app.stop();
  }
}
