package dev.bulwark.gateway.forward;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an upstream response to the caller: status, end-to-end headers (hop-by-hop ones and those
 * named in the upstream's Connection header dropped), our {@code X-Request-Id}, and the body piped
 * buffer by buffer with back-pressure.
 *
 * <p>If either side fails mid-body, the caller's connection is reset rather than the response
 * ended: a truncated body that looks complete would be worse than a visible error.
 */
public final class ResponseRelay {
  private ResponseRelay() {}

  /**
   * @return completes when the last byte is written; fails when the body could not be relayed
   */
  public static Future<Void> relay(
      HttpClientResponse from, HttpServerResponse to, HttpMethod method, String requestId) {
    MultiMap headers = writeHead(from, to, requestId);
    if (!headers.contains(HeaderRules.CONTENT_LENGTH) && mayHaveBody(from.statusCode(), method)) {
      to.setChunked(true);
    }
    return from.pipe()
        .endOnFailure(false)
        .to(to)
        .onFailure(
            failed -> {
              if (!to.ended()) {
                to.reset();
              }
            });
  }

  /**
   * Writes an upstream response whose body was read and inspected: the upstream's status and
   * end-to-end headers, {@code fixHeaders} applied (new length, stale validators dropped), then the
   * given bytes in place of the upstream's.
   */
  public static Future<Void> replace(
      HttpClientResponse from,
      HttpServerResponse to,
      String requestId,
      io.vertx.core.buffer.Buffer body,
      java.util.function.Consumer<MultiMap> fixHeaders) {
    fixHeaders.accept(writeHead(from, to, requestId));
    return to.end(body);
  }

  /** The upstream's status and end-to-end headers, plus our request id; returns the headers. */
  private static MultiMap writeHead(
      HttpClientResponse from, HttpServerResponse to, String requestId) {
    to.setStatusCode(from.statusCode());
    MultiMap headers = to.headers();
    copyResponseHeaders(from.headers(), headers);
    headers.set(HeaderRules.X_REQUEST_ID, requestId);
    return headers;
  }

  private static boolean mayHaveBody(int status, HttpMethod method) {
    return method != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
  }

  static void copyResponseHeaders(MultiMap from, MultiMap to) {
    HeaderRules.copy(from, to, ResponseRelay::passesDown);
  }

  private static boolean passesDown(CharSequence name, String connection) {
    return !HeaderRules.hopByHop(name)
        && !HeaderRules.is(name, HeaderRules.X_REQUEST_ID)
        && (connection == null || !HeaderRules.namedIn(connection, name));
  }
}
