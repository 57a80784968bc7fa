package dev.bulwark.gateway.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in SaaS API that records every request it receives (method, path as sent, headers, body)
 * so tests can assert what did — and did not — reach the upstream.
 *
 * <p>Paths: {@code .../slow} answers after 1.5 s; {@code .../hop} answers with hop-by-hop headers;
 * {@code /oauth/token} is a client-credentials token endpoint; anything else answers 200 with a
 * small JSON.
 */
public final class RecordingUpstream implements AutoCloseable {
  public static final String SAAS_ACCESS_TOKEN = "saas-access-token-7f3a9c";

  /** One received request. */
  public record Received(String method, String uri, MultiMap headers, Buffer body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final Vertx vertx;
  private final HttpServer server;

  private RecordingUpstream(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  public static RecordingUpstream start(Vertx vertx, SelfSignedCert tls) throws Exception {
    HttpServerOptions options = new HttpServerOptions();
    if (tls != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(tls.certPem().toString())
                  .setKeyPath(tls.keyPem().toString()));
    }
    HttpServer server = vertx.createHttpServer(options);
    RecordingUpstream upstream = new RecordingUpstream(vertx, server);
    server.requestHandler(upstream::handle);
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    return upstream;
  }

  public int port() {
    return server.actualPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  public void clear() {
    received.clear();
  }

  private void handle(HttpServerRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    request
        .body()
        .onSuccess(
            body -> {
              received.add(new Received(request.method().name(), request.uri(), headers, body));
              String path = request.path();
              if (path.equals("/oauth/token")) {
                tokenRequests.incrementAndGet();
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .end(
                        "{\"access_token\":\""
                            + SAAS_ACCESS_TOKEN
                            + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
              } else if (path.endsWith("/slow")) {
                vertx.setTimer(
                    1500,
                    t ->
                        request
                            .response()
                            .putHeader("Content-Type", "application/json")
                            .end("{\"slow\":true}"));
              } else if (path.endsWith("/hop")) {
                request
                    .response()
                    .putHeader("Connection", "X-Secret-Hop")
                    .putHeader("X-Secret-Hop", "1")
                    .putHeader("Keep-Alive", "timeout=5")
                    .putHeader("Proxy-Authenticate", "Basic realm=x")
                    .putHeader("X-End-To-End", "kept")
                    .putHeader("Content-Type", "application/json")
                    .end("{\"hop\":true}");
              } else {
                String json =
                    "{\"ok\":true,\"method\":\""
                        + request.method().name()
                        + "\",\"bytes\":"
                        + body.length()
                        + "}";
                request
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Set-Cookie", "upstream=1")
                    .end(json);
              }
            });
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
