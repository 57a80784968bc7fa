package dev.bulwark.gateway;

import dev.bulwark.gateway.forward.Forwarder;
import dev.bulwark.gateway.forward.RequestIds;
import dev.bulwark.gateway.forward.ResponseRelay;
import dev.bulwark.gateway.inspect.InspectedBody;
import dev.bulwark.gateway.inspect.ResponseInspection;
import dev.bulwark.gateway.pipeline.ErrorBody;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Pipeline;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.gateway.stage.Normalize;
import dev.bulwark.identity.oauth.TokenResponse;
import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Decision;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the gateway: an HTTP (and optionally HTTPS) server, its own upstream
 * client (so a request and its upstream connection stay on one thread), and the request handler
 * that runs the pipeline, renders its verdict and records the audit event.
 *
 * <p>Rendering lives here, not in the stages: a rejection becomes the JSON error body (plus {@code
 * WWW-Authenticate} on a 401), a continuation becomes the relayed upstream response. Exactly one
 * audit event is handed to the sink per request, when the response is finished.
 */
final class Listener extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
  private static final AsciiString JSON = AsciiString.cached("application/json");
  private static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
  private static final String TOKEN_PATH = "/oauth2/token";
  private static final String JWKS_PATH = "/.well-known/jwks.json";
  private static final String WWW_AUTHENTICATE = "Bearer realm=\"bulwark\"";
  private static final String WWW_AUTHENTICATE_TOKEN =
      "Bearer realm=\"bulwark\", error=\"invalid_token\"";

  private final Gateway gateway;
  private final int port;
  private final int tlsPort;
  private HttpClientAgent client;
  private Forwarder forwarder;
  private Snapshot compiledFor;
  private Pipeline pipeline;
  private final List<HttpServer> servers = new ArrayList<>(2);

  Listener(Gateway gateway, int port, int tlsPort) {
    this.gateway = gateway;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  int actualPort() {
    return servers.get(0).actualPort();
  }

  int actualTlsPort() {
    return servers.size() > 1 ? servers.get(1).actualPort() : -1;
  }

  @Override
  public Future<?> start() {
    GatewayOptions options = gateway.options();
    client = vertx.createHttpClient(gateway.upstreamClientOptions(), gateway.poolOptions());
    forwarder = new Forwarder(client, options.connectTimeout(), options.responseTimeout());
    Future<HttpServer> plain = listen(gateway.serverOptions(false), port);
    if (!options.tlsEnabled()) {
      return plain;
    }
    return plain.compose(ignored -> listen(gateway.serverOptions(true), tlsPort));
  }

  private Future<HttpServer> listen(HttpServerOptions serverOptions, int onPort) {
    HttpServer server = vertx.createHttpServer(serverOptions);
    server
        .connectionHandler(connection -> StrictLengthDecoder.install(connection, serverOptions))
        .requestHandler(this::handle)
        .invalidRequestHandler(this::invalid);
    return server.listen(onPort, gateway.options().host()).onSuccess(servers::add);
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closing = new ArrayList<>();
    servers.forEach(s -> closing.add(s.close()));
    if (client != null) {
      closing.add(client.close());
    }
    return Future.join(closing);
  }

  private Pipeline pipeline() {
    Snapshot current = gateway.snapshot();
    if (current != compiledFor) {
      pipeline = current.pipelineWith(forwarder);
      compiledFor = current;
    }
    return pipeline;
  }

  private void handle(HttpServerRequest request) {
    String uri = request.uri();
    if (uri.length() > 1 && (uri.charAt(1) == 'o' || uri.charAt(1) == '.')) {
      if (uri.equals(TOKEN_PATH)) {
        token(request);
        return;
      }
      if (uri.equals(JWKS_PATH) && request.method() == HttpMethod.GET) {
        jwks(request);
        return;
      }
    }
    if (Forwarder.hasBody(request.headers())) {
      // Hold the body until Forward pipes it upstream: the stages before it may wait for I/O.
      request.pause();
    }
    Exchange exchange = Exchange.of(request, RequestIds.decide(request.getHeader(X_REQUEST_ID)));
    Pipeline current = pipeline();
    // The response half of Inspect from the same snapshot as the pipeline the request runs.
    ResponseInspection responses = compiledFor.responses();
    Future<Verdict> verdict = current.run(exchange);
    if (verdict.isComplete()) {
      finish(exchange, verdict.result(), responses);
    } else {
      verdict.onComplete(done -> finish(exchange, done.result(), responses));
    }
  }

  private void finish(Exchange exchange, Verdict verdict, ResponseInspection responses) {
    if (verdict instanceof Verdict.Reject reject) {
      reject(exchange, reject);
      return;
    }
    HttpClientResponse upstream = exchange.upstreamResponse();
    if (responses == null || !exchange.inspectResponse()) {
      relayed(exchange, upstream, streamed(exchange, upstream));
      return;
    }
    responses
        .inspect(exchange, upstream)
        .onComplete(
            done -> {
              InspectedBody inspected = done.result();
              exchange.addFindings(inspected.findings());
              if (inspected.blocked()) {
                // The caller gets the 502 alone; nothing of the upstream's body is sent.
                reject(exchange, inspected.reject());
              } else if (inspected.body() == null) {
                relayed(exchange, upstream, streamed(exchange, upstream));
              } else {
                relayed(
                    exchange,
                    upstream,
                    ResponseRelay.replace(
                        upstream,
                        exchange.request().response(),
                        exchange.requestId(),
                        inspected.body(),
                        headers -> ResponseInspection.rewriteHeaders(headers, inspected)));
              }
            });
  }

  /** The upstream response streamed to the caller as it comes (no inspection). */
  private static Future<Void> streamed(Exchange exchange, HttpClientResponse upstream) {
    return ResponseRelay.relay(
        upstream, exchange.request().response(), exchange.method(), exchange.requestId());
  }

  private void relayed(Exchange exchange, HttpClientResponse upstream, Future<Void> relay) {
    relay.onComplete(
        done -> {
          if (done.succeeded()) {
            audit(exchange, Decision.ALLOW, "ok", upstream.statusCode(), exchange.ruleId());
          } else {
            audit(
                exchange,
                Decision.ERROR,
                "upstream.unreachable",
                upstream.statusCode(),
                exchange.ruleId());
          }
        });
  }

  private void reject(Exchange exchange, Verdict.Reject reject) {
    HttpServerRequest request = exchange.request();
    if (!request.isEnded() && !Forwarder.hasBody(exchange.headers())) {
      // A bodiless request whose end Netty has not delivered yet (we answer from inside the
      // request handler): answer once it has, so the connection's request/response pairing stays
      // in step for keep-alive.
      request.end().onComplete(ended -> reject(exchange, reject));
      return;
    }
    HttpServerResponse response = request.response();
    response.setStatusCode(reject.status());
    response.headers().set(HttpHeaders.CONTENT_TYPE, JSON).set(X_REQUEST_ID, exchange.requestId());
    if (reject.status() == 401) {
      response
          .headers()
          .set(
              "WWW-Authenticate",
              reject.reason().startsWith("auth.token_")
                  ? WWW_AUTHENTICATE_TOKEN
                  : WWW_AUTHENTICATE);
    }
    String rule = reject.rule() != null ? reject.rule() : exchange.ruleId();
    Verdict.Reject rendered = rule == reject.rule() ? reject : reject.withRule(rule);
    // An unread body (or a suspect framing) leaves the connection in an unknown state: close it.
    boolean close =
        (Forwarder.hasBody(exchange.headers()) && !request.isEnded())
            || Normalize.AMBIGUOUS_LENGTH.equals(reject.reason());
    if (close) {
      response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    response
        .end(ErrorBody.json(rendered, exchange.requestId()))
        .onComplete(
            done -> {
              if (close) {
                request.connection().close();
              }
              Decision decision = reject.status() >= 500 ? Decision.ERROR : Decision.DENY;
              audit(exchange, decision, reject.reason(), reject.status(), rule);
            });
  }

  private void audit(Exchange exchange, Decision decision, String reason, int status, String rule) {
    HttpServerRequest request = exchange.request();
    Principal principal = exchange.principal();
    long micros = (System.nanoTime() - exchange.startNanos()) / 1000;
    gateway.record(
        new AuditEvent(
            Instant.ofEpochMilli(exchange.startMillis()),
            exchange.requestId(),
            principal == null ? null : principal.integrationId(),
            exchange.appId(),
            exchange.method().name(),
            exchange.path(),
            rule,
            decision,
            reason,
            status,
            request.bytesRead(),
            request.response().bytesWritten(),
            micros,
            exchange.sourceAddress(),
            exchange.findings()));
  }

  /** Requests Netty could not decode (for example repeated Content-Length): 4xx, then close. */
  private void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String reason = "norm.bad_request";
    String message = "the request could not be parsed";
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line is too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "the request headers are too large";
    } else if (cause != null
        && cause.getMessage() != null
        && cause.getMessage().contains("Content-Length")) {
      reason = Normalize.AMBIGUOUS_LENGTH;
      message = "the request has conflicting or repeated Content-Length headers";
    }
    String requestId = RequestIds.fresh();
    HttpServerResponse response = request.response();
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(X_REQUEST_ID, requestId)
        .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    int finalStatus = status;
    String finalReason = reason;
    response
        .end(ErrorBody.json(Verdict.reject(status, reason, message), requestId))
        .onComplete(
            done -> {
              request.connection().close();
              gateway.record(
                  new AuditEvent(
                      Instant.now(),
                      requestId,
                      null,
                      null,
                      request.method() == null ? "?" : request.method().name(),
                      null,
                      null,
                      Decision.DENY,
                      finalReason,
                      finalStatus,
                      0,
                      response.bytesWritten(),
                      0,
                      request.remoteAddress() == null
                          ? null
                          : request.remoteAddress().hostAddress(),
                      List.of()));
            });
  }

  /**
   * {@code POST /oauth2/token}: the body (at most 4 KiB) goes to identity's endpoint on a worker.
   */
  private void token(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (request.method() != HttpMethod.POST) {
      response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end();
      return;
    }
    long started = System.nanoTime();
    String requestId = RequestIds.fresh();
    Buffer body = Buffer.buffer();
    int max = dev.bulwark.identity.oauth.TokenEndpoint.MAX_BODY_CHARS;
    boolean[] tooLarge = {false};
    request.handler(
        chunk -> {
          if (body.length() + chunk.length() > max) {
            tooLarge[0] = true;
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(
        ended -> {
          String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
          String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
          String form = tooLarge[0] ? "x".repeat(max + 1) : body.toString();
          vertx
              .executeBlocking(
                  () -> gateway.services().tokenEndpoint().handle(authorization, contentType, form),
                  false)
              .onComplete(
                  done -> {
                    if (done.failed()) {
                      LOG.error("token endpoint failed", done.cause());
                      response
                          .setStatusCode(503)
                          .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                          .end("{\"error\":\"temporarily_unavailable\"}");
                      tokenAudit(
                          request, requestId, started, 503, Decision.ERROR, "auth.unavailable");
                      return;
                    }
                    TokenResponse answer = done.result();
                    response.setStatusCode(answer.status());
                    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
                      response.putHeader(h.getKey(), h.getValue());
                    }
                    response.putHeader(X_REQUEST_ID, requestId).end(answer.jsonBody());
                    tokenAudit(
                        request,
                        requestId,
                        started,
                        answer.status(),
                        answer.status() == 200 ? Decision.ALLOW : Decision.DENY,
                        answer.status() == 200
                            ? "ok"
                            : answer.status() == 401 ? "auth.invalid" : "norm.bad_request");
                  });
        });
  }

  private void tokenAudit(
      HttpServerRequest request,
      String requestId,
      long started,
      int status,
      Decision decision,
      String reason) {
    gateway.record(
        new AuditEvent(
            Instant.now(),
            requestId,
            null,
            null,
            "POST",
            TOKEN_PATH,
            null,
            decision,
            reason,
            status,
            request.bytesRead(),
            request.response().bytesWritten(),
            (System.nanoTime() - started) / 1000,
            request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
            List.of()));
  }

  private void jwks(HttpServerRequest request) {
    request
        .response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/jwk-set+json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=300")
        .end(gateway.services().signingKeys().jwksJson());
  }
}
