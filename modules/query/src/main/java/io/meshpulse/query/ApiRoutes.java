package io.meshpulse.query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.function.Supplier;

/** The routes of the public API and of the internal endpoints instances ask each other. */
final class ApiRoutes {

  /** The queries, or a {@link StoresUnavailableException} while there are none yet. */
  private final Supplier<MeshQueries> queries;

  ApiRoutes(Supplier<MeshQueries> queries) {
    this.queries = queries;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/mesh/health", ctx -> ctx.json(queries.get().meshHealth()));
    routes.get("/api/agents", ctx -> ctx.json(queries.get().agents()));
    routes.get("/api/agents/{name}", ctx -> agent(ctx, queries.get().agent(ctx.pathParam("name"))));
    routes.get("/api/route", this::route);
    routes.get("/internal/agents", ctx -> ctx.json(queries.get().localAgents(
        "true".equals(ctx.queryParam("registered")), ctx.queryParam("capability"))));
    routes.get("/internal/agents/{name}", ctx -> agent(ctx, queries.get().localAgent(ctx.pathParam("name"))));
    routes.get("/internal/summary", ctx -> {
      MeshHealthView counts = queries.get().localSummaryCounts();
      if (counts == null) {
        ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "the mesh summary is not on this instance"));
      } else {
        ctx.json(counts);
      }
    });
  }

  private static void agent(Context ctx, AgentDetailView detail) {
    if (detail == null) {
      ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no agent named " + ctx.pathParam("name")));
    } else {
      ctx.json(detail);
    }
  }

  /**
   * 200 with the chosen agent; 404 when no registered agent has the capability; 503 when some
   * have it but none is healthy or degraded (the body still lists them).
   */
  private void route(Context ctx) {
    String capability = ctx.queryParam("capability");
    if (capability == null || capability.isBlank()) {
      throw new IllegalArgumentException("query parameter 'capability' is required, e.g. /api/route?capability=search");
    }
    RouteAnswer answer = queries.get().route(capability);
    if (!answer.found()) {
      ctx.status(answer.candidates().isEmpty() ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE);
    }
    ctx.json(answer);
  }
}
