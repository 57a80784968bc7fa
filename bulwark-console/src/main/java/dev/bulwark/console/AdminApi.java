package dev.bulwark.console;

import dev.bulwark.model.App;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.StoredAuditEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API (see {@code openapi.yaml} beside this class): {@code GET /health} open to all;
 * everything under {@code /api/} only with {@code Authorization: Bearer <admin token>}. Store reads
 * run on worker threads, never on the event loop.
 */
public final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

  /** Audit page size when the caller names none, and the most one call returns. */
  static final int DEFAULT_LIMIT = 100;

  static final int MAX_LIMIT = 1000;

  private final Vertx vertx;
  private final AdminSources sources;
  private final AdminToken token;
  private final Clock clock;
  private final HttpServer server;

  private AdminApi(
      Vertx vertx, AdminSources sources, AdminToken token, Clock clock, HttpServer server) {
    this.vertx = vertx;
    this.sources = sources;
    this.token = token;
    this.clock = clock;
    this.server = server;
  }

  /** Starts the admin API; the future completes once it listens. */
  public static Future<AdminApi> start(Vertx vertx, AdminApiOptions options, AdminSources sources) {
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(options.host()).setPort(options.port()));
    AdminApi api = new AdminApi(vertx, sources, options.token(), Clock.systemUTC(), server);
    return server.requestHandler(api.router()).listen().map(s -> api);
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/api/v1/openapi.yaml").handler(this::openapi);
    router.route("/api/*").handler(this::requireToken);
    router.get("/api/v1/integrations").handler(this::integrations);
    router.get("/api/v1/apps").handler(this::apps);
    router.get("/api/v1/audit").handler(this::audit);
    router.get("/api/v1/config/errors").handler(this::configErrors);
    router
        .route()
        .last()
        .handler(ctx -> reply(ctx, 404, AdminJson.error("not_found", "no such admin resource")));
    return router;
  }

  private void requireToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("authorization");
    if (header == null) {
      unauthorized(ctx, "auth.missing", "an admin bearer token is required");
      return;
    }
    String presented =
        header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (!token.matches(presented)) {
      unauthorized(ctx, "auth.invalid", "the admin token is not valid");
      return;
    }
    ctx.next();
  }

  private static void unauthorized(RoutingContext ctx, String code, String message) {
    ctx.response().putHeader("www-authenticate", "Bearer realm=\"bulwark-admin\"");
    reply(ctx, 401, AdminJson.error(code, message));
  }

  private void integrations(RoutingContext ctx) {
    Perimeter perimeter = sources.perimeter().get();
    vertx
        .executeBlocking(
            () -> {
              Map<String, List<CredentialRecord>> byIntegration = new HashMap<>();
              for (CredentialRecord c : sources.credentials().list()) {
                byIntegration
                    .computeIfAbsent(c.integrationId(), k -> new java.util.ArrayList<>())
                    .add(c);
              }
              JsonArray out = new JsonArray();
              if (perimeter != null) {
                for (Integration i : perimeter.integrations().values()) {
                  out.add(
                      AdminJson.integration(
                          i, byIntegration.getOrDefault(i.id(), List.of()), clock.instant()));
                }
              }
              return new JsonObject().put("count", out.size()).put("integrations", out);
            })
        .onComplete(result -> finish(ctx, result));
  }

  private void apps(RoutingContext ctx) {
    Perimeter perimeter = sources.perimeter().get();
    JsonArray out = new JsonArray();
    if (perimeter != null) {
      for (App app : perimeter.apps().values()) {
        out.add(AdminJson.app(app));
      }
    }
    ctx.json(new JsonObject().put("count", out.size()).put("apps", out));
  }

  private void audit(RoutingContext ctx) {
    String integration = ctx.request().getParam("integration");
    if (integration != null && integration.isBlank()) {
      integration = null;
    }
    int limit;
    try {
      String raw = ctx.request().getParam("limit");
      limit = raw == null || raw.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      reply(ctx, 400, AdminJson.error("admin.bad_request", "limit must be a whole number"));
      return;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      reply(
          ctx,
          400,
          AdminJson.error("admin.bad_request", "limit must be between 1 and " + MAX_LIMIT));
      return;
    }
    String filter = integration;
    int max = limit;
    vertx
        .executeBlocking(
            () -> {
              JsonArray events = new JsonArray();
              for (StoredAuditEvent e : sources.audit().recent(filter, max)) {
                events.add(AdminJson.auditEvent(e));
              }
              return new JsonObject().put("count", events.size()).put("events", events);
            })
        .onComplete(result -> finish(ctx, result));
  }

  private void configErrors(RoutingContext ctx) {
    List<ConfigError> errors = sources.configErrors().get();
    JsonArray out = new JsonArray();
    for (ConfigError e : errors) {
      out.add(AdminJson.configError(e));
    }
    ctx.json(new JsonObject().put("count", out.size()).put("errors", out));
  }

  private void openapi(RoutingContext ctx) {
    try (InputStream in = AdminApi.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        reply(ctx, 404, AdminJson.error("not_found", "no OpenAPI description packaged"));
        return;
      }
      ctx.response()
          .putHeader("content-type", "application/yaml")
          .end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void finish(RoutingContext ctx, io.vertx.core.AsyncResult<JsonObject> result) {
    if (result.succeeded()) {
      ctx.json(result.result());
      return;
    }
    // The cause may name a database URL or SQL; people get the code, the log gets the detail.
    LOG.warn("admin API read failed on {}", ctx.request().path(), result.cause());
    reply(ctx, 503, AdminJson.error("store.unavailable", "the store could not be read"));
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  /** The port the API listens on (useful when started on port 0). */
  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
