package dev.bulwark.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One running stand-in SaaS API on a local port. Every request is recorded; a request whose {@code
 * Authorization} header is not one of the credentials the vendor would accept gets the vendor's own
 * unauthorized reply, which is how the demo proves that the gateway injected the brokered secret
 * (the caller never holds it).
 */
public final class StandIn {
  private final StandInApi api;
  private final Set<String> accepted;
  private final HttpServer server;
  private final String scheme;
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

  private StandIn(StandInApi api, Set<String> accepted, HttpServer server, String scheme) {
    this.api = api;
    this.accepted = Set.copyOf(accepted);
    this.server = server;
    this.scheme = scheme;
  }

  /**
   * Starts the stand-in on 127.0.0.1 at an ephemeral port.
   *
   * @param acceptedAuthorizations exact {@code Authorization} header values the vendor accepts
   * @param options server options (TLS or not); host and port are set here
   */
  public static Future<StandIn> start(
      Vertx vertx, StandInApi api, Set<String> acceptedAuthorizations, HttpServerOptions options) {
    HttpServerOptions own = new HttpServerOptions(options).setHost("127.0.0.1").setPort(0);
    Router router = Router.router(vertx);
    HttpServer server = vertx.createHttpServer(own);
    StandIn standIn =
        new StandIn(api, acceptedAuthorizations, server, own.isSsl() ? "https" : "http");
    router.route().handler(standIn::checkCredential);
    router.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
    api.mount(router);
    router
        .route()
        .last()
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(404)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "not_found").encode()));
    return server.requestHandler(router).listen().map(s -> standIn);
  }

  private void checkCredential(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("authorization");
    boolean authorized = authorization != null && isAccepted(authorization);
    String apiKeyHeader = ctx.request().getHeader("x-api-key");
    boolean callerCredentialSeen =
        apiKeyHeader != null || (authorization != null && authorization.contains("bwk_"));
    received.add(
        new ReceivedRequest(
            ctx.request().method().name(),
            ctx.request().path(),
            ctx.request().query(),
            authorized,
            callerCredentialSeen,
            ctx.request().getHeader("x-request-id")));
    if (!authorized) {
      ctx.response()
          .setStatusCode(api.unauthorizedStatus())
          .putHeader("content-type", "application/json")
          .end(api.unauthorizedBody().encode());
      return;
    }
    ctx.next();
  }

  private boolean isAccepted(String authorization) {
    byte[] presented = authorization.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (String candidate : accepted) {
      // Constant time per candidate, out of habit: even a stand-in should not teach the wrong way.
      match |= MessageDigest.isEqual(presented, candidate.getBytes(StandardCharsets.UTF_8));
    }
    return match;
  }

  public String appId() {
    return api.appId();
  }

  public int port() {
    return server.actualPort();
  }

  /** Where the stand-in answers, for example {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return URI.create(scheme + "://127.0.0.1:" + port());
  }

  /** Everything received so far, oldest first. */
  public List<ReceivedRequest> received() {
    return List.copyOf(received);
  }

  public Future<Void> close() {
    return server.close();
  }
}
