package io.meshpulse.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API over the state stores, the status page and the metrics scrape. Errors are mapped
 * to status codes in one place: 503 with Retry-After while the stores cannot answer, 404 for an
 * unknown agent, capability or path, 400 for a bad request; every error answers {@code {"error": ...}}.
 *
 * <p>The server can listen before Kafka Streams exists ({@link #listen}, then {@link #serve}):
 * Streams must be told this instance's address ({@code application.server}) when it is created,
 * and with port 0 that address is only known once the server is bound. Until then every API
 * request answers 503.
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  static final String RETRY_AFTER_SECONDS = "1";

  private final AtomicReference<Backend> backend = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Javalin app;

  private record Backend(MeshQueries queries, KafkaStreams streams) {}

  private QueryServer(PrometheusMeterRegistry metrics, String host, int port) {
    ObjectMapper json = Json.mapper();
    this.app = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(json, false));
      config.staticFiles.add("/public", Location.CLASSPATH);
      config.jetty.host = host;
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      new ApiRoutes(this::queries).register(config.routes);
      config.routes.get("/healthz", this::liveness);
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
      config.routes.exception(StoresUnavailableException.class, (e, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", RETRY_AFTER_SECONDS).json(Map.of("error", e.getMessage())));
      config.routes.exception(IllegalArgumentException.class,
          (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
      // Javalin's own answers (no such endpoint, wrong method) as JSON too
      config.routes.exception(NotFoundResponse.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND)
          .json(Map.of("error", "not found: " + ctx.method() + " " + ctx.path())));
      config.routes.exception(HttpResponseException.class,
          (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
      JsonErrors jettyErrors = new JsonErrors(json);
      config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
      config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error: " + e.getMessage()));
      });
    });
  }

  /** A server over {@code queries}, not yet listening: call {@link #start}. */
  public QueryServer(MeshQueries queries, KafkaStreams streams, PrometheusMeterRegistry metrics, String host,
      int port) {
    this(metrics, host, port);
    serve(queries, streams);
  }

  /** Listens on {@code host:port} (0: a free port, see {@link #port}) and answers 503 until {@link #serve}. */
  public static QueryServer listen(PrometheusMeterRegistry metrics, String host, int port) {
    return new QueryServer(metrics, host, port).start();
  }

  /** Answers from {@code queries} from now on. */
  public void serve(MeshQueries queries, KafkaStreams streams) {
    if (!backend.compareAndSet(null, new Backend(queries, streams))) {
      throw new IllegalStateException("the query server already serves a Kafka Streams application");
    }
  }

  public QueryServer start() {
    app.start();
    return this;
  }

  /** The port the server listens on (the chosen one when started with port 0). */
  public int port() {
    return app.port();
  }

  private MeshQueries queries() {
    Backend current = backend.get();
    if (current == null) {
      throw new StoresUnavailableException("the query service is starting; try again shortly");
    }
    return current.queries();
  }

  /** Alive while Streams is starting, running or rebalancing; 503 once it has failed or stopped. */
  private void liveness(Context ctx) {
    Backend current = backend.get();
    if (current == null) {
      ctx.json(Map.of("streams", "STARTING"));
      return;
    }
    KafkaStreams.State state = current.streams().state();
    boolean alive = state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
    ctx.status(alive ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("streams", state.name()));
  }

  /** Stops listening; closing again does nothing (an owner and a starter may both close it). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      app.stop();
    }
  }
}
