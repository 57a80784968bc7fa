package dev.bulwark.gateway.forward;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Upstream;
import dev.bulwark.gateway.pipeline.UpstreamCredential;
import dev.bulwark.gateway.pipeline.Verdict;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: sends the request to the app's upstream and continues once the response head is
 * back ({@link Exchange#upstreamResponse()}); the body is relayed afterwards by {@link
 * ResponseRelay}, never buffered.
 *
 * <p>Decides from the exchange's {@link Upstream} and credential: plain http is refused (502 {@code
 * upstream.insecure_transit}) unless the app declares {@code insecureTransit}; the request line is
 * the base URL's path + the normalizer's encoded canonical path + the raw query; hop-by-hop headers
 * and the caller's credentials stay behind, the broker's credential and {@code X-Request-Id} are
 * added, and Host is the upstream's (set by the client from the authority). A connect or response
 * timeout is 504 {@code upstream.timeout}, a TLS failure (certificate not trusted, wrong host) 502
 * {@code upstream.tls}, anything else 502 {@code upstream.unreachable}.
 *
 * <p>The request body is piped from the caller's stream straight into the upstream request (Vert.x
 * {@code send(ReadStream)}): buffers pass through, with back-pressure, and nothing is copied.
 */
public final class Forwarder implements Stage.Async {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  /** Headers that describe the exact original bytes (same list as the response side). */
  private static final java.util.List<String> STALE_WHEN_REWRITTEN =
      dev.bulwark.gateway.inspect.InspectedBody.REWRITE_STALE_HEADERS;

  private final HttpClient client;
  private final long connectTimeoutMillis;
  private final long responseTimeoutMillis;

  /**
   * @param client pooled keep-alive client; TLS trust and host verification are its options
   * @param connectTimeout longest wait for a connection (pooled or new)
   * @param responseTimeout longest silence from the upstream once the request is sent
   */
  public Forwarder(HttpClient client, Duration connectTimeout, Duration responseTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.connectTimeoutMillis = connectTimeout.toMillis();
    this.responseTimeoutMillis = responseTimeout.toMillis();
  }

  @Override
  public String name() {
    return "forward";
  }

  @Override
  public Future<Verdict> decide(Exchange exchange) {
    Upstream upstream = exchange.upstream();
    if (upstream == null || exchange.encodedPath() == null) {
      return Future.succeededFuture(
          Verdict.reject(500, "pipeline.stage_failed", "no upstream resolved"));
    }
    if (!upstream.tls() && !upstream.app().insecureTransit()) {
      return Future.succeededFuture(
          Verdict.reject(
              502,
              "upstream.insecure_transit",
              "the app's upstream is plain http and the app does not allow insecure transit"));
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(exchange.method())
            .setHost(upstream.host())
            .setPort(upstream.port())
            .setSsl(upstream.tls())
            .setURI(requestUri(upstream, exchange))
            .setConnectTimeout(connectTimeoutMillis)
            .setIdleTimeout(responseTimeoutMillis);
    return client
        .request(options)
        .compose(request -> send(request, exchange))
        .transform(
            done -> {
              if (done.succeeded()) {
                exchange.upstreamResponse(done.result());
                return Future.succeededFuture(Verdict.CONTINUE);
              }
              return Future.succeededFuture(failure(exchange, done.cause()));
            });
  }

  static String requestUri(Upstream upstream, Exchange exchange) {
    String base = upstream.basePath();
    String path = exchange.encodedPath();
    String query = exchange.query();
    int length = base.length() + path.length() + (query == null ? 0 : query.length() + 1);
    StringBuilder uri = new StringBuilder(length);
    uri.append(base).append(path);
    if (query != null) {
      uri.append('?').append(query);
    }
    return uri.toString();
  }

  private Future<HttpClientResponse> send(HttpClientRequest request, Exchange exchange) {
    MultiMap out = request.headers();
    copyRequestHeaders(exchange.headers(), out);
    UpstreamCredential credential = exchange.upstreamCredential();
    if (credential != null) {
      out.set(credential.header(), credential.value());
    }
    out.set(HeaderRules.X_REQUEST_ID, exchange.requestId());
    if (exchange.inspectResponse()) {
      // The response body is inspected as bytes: ask for it without content coding.
      out.set(io.vertx.core.http.HttpHeaders.ACCEPT_ENCODING, "identity");
    }
    io.vertx.core.buffer.Buffer inspected = exchange.requestBody();
    if (inspected != null) {
      // Inspect buffered (and perhaps rewrote) the body: send those bytes with their own length.
      out.remove(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
      if (exchange.requestBodyChanged()) {
        STALE_WHEN_REWRITTEN.forEach(out::remove);
      }
      return request.send(inspected);
    }
    HttpServerRequest caller = exchange.request();
    if (caller != null && hasBody(exchange.headers())) {
      // Streams the caller's body through with back-pressure; chunked when no Content-Length.
      return request.send(caller);
    }
    return request.send();
  }

  /** Whether the caller's request has a body to stream (a length above zero, or chunked). */
  public static boolean hasBody(MultiMap headers) {
    if (headers.contains(io.vertx.core.http.HttpHeaders.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.get(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
    return length != null && !length.equals("0");
  }

  /**
   * Copies end-to-end headers: not hop-by-hop, not named in Connection, not the caller's
   * credential, not Host (the client sets the upstream's), not X-Request-Id (ours is set).
   */
  static void copyRequestHeaders(MultiMap from, MultiMap to) {
    HeaderRules.copy(from, to, Forwarder::passesUp);
  }

  private static boolean passesUp(CharSequence name, String connection) {
    return !HeaderRules.hopByHop(name)
        && !HeaderRules.callerCredential(name)
        && !HeaderRules.is(name, HeaderRules.HOST)
        && !HeaderRules.is(name, HeaderRules.X_REQUEST_ID)
        && (connection == null || !HeaderRules.namedIn(connection, name));
  }

  private static Verdict.Reject failure(Exchange exchange, Throwable cause) {
    Upstream upstream = exchange.upstream();
    if (isTimeout(cause)) {
      LOG.debug("upstream {} timed out: {}", upstream.appId(), cause.toString());
      return Verdict.reject(504, "upstream.timeout", "the upstream did not answer in time");
    }
    if (hasCause(cause, SSLException.class)) {
      LOG.warn("upstream {} TLS failure: {}", upstream.appId(), rootMessage(cause));
      return Verdict.reject(
          502, "upstream.tls", "the upstream's TLS certificate could not be verified");
    }
    LOG.warn("upstream {} unreachable: {}", upstream.appId(), rootMessage(cause));
    return Verdict.reject(502, "upstream.unreachable", "the upstream could not be reached");
  }

  private static boolean isTimeout(Throwable cause) {
    return hasCause(cause, TimeoutException.class)
        || hasCause(cause, ConnectTimeoutException.class);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
