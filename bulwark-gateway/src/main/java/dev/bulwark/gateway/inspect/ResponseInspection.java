package dev.bulwark.gateway.inspect;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.DlpDirection;
import dev.bulwark.model.Integration;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Objects;

/**
 * The Inspect stage, response direction: once Forward has the upstream response head, buffers the
 * body (up to {@code dlp.maxBodyBytes}) when the integration has response rules, and decides what
 * the caller gets: the original bytes, the rewritten ones, or — when policy blocks, the body is too
 * large, or it is content-encoded — a 502 whose body says nothing of the upstream's.
 *
 * <p>Not a pipeline stage: it runs between Forward and the relay, where the response exists. When
 * it is not {@link #needed}, the relay streams the response untouched as before.
 */
public final class ResponseInspection {
  private final BodyInspector inspector;

  public ResponseInspection(BodyInspector inspector) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
  }

  /**
   * True when the exchange's response must be buffered and inspected; also whether Forward should
   * ask the upstream for {@code Accept-Encoding: identity}. {@link InspectStage} records the answer
   * on the exchange ({@link Exchange#inspectResponse()}) for Forward and the relay.
   */
  public boolean needed(Exchange exchange) {
    return exchange.principal() != null
        && exchange.method() != HttpMethod.HEAD
        && inspector.needsInspection(exchange.principal().integration(), DlpDirection.RESPONSE);
  }

  /**
   * Buffers and inspects the upstream response body. The future never fails: a body that cannot be
   * read becomes a 502 {@code upstream.unreachable}. On a block, the upstream exchange is reset so
   * nothing more of it is read.
   */
  public Future<InspectedBody> inspect(Exchange exchange, HttpClientResponse response) {
    Integration integration = exchange.principal().integration();
    MultiMap headers = response.headers();
    int status = response.statusCode();
    if (status == 204 || status == 304 || status < 200) {
      return Future.succeededFuture(InspectedBody.STREAM);
    }
    long declared = BoundedBody.declaredLength(headers.get(HttpHeaders.CONTENT_LENGTH));
    if (declared > inspector.maxBodyBytes()) {
      InspectOutcome outcome = inspector.tooLarge(integration, DlpDirection.RESPONSE, new byte[0]);
      if (!outcome.blocked()) {
        return Future.succeededFuture(InspectedBody.STREAM);
      }
      discard(response);
      return Future.succeededFuture(InspectedBody.of(outcome));
    }
    return BoundedBody.read(response, inspector.maxBodyBytes())
        .transform(
            read -> {
              if (read.failed()) {
                return Future.succeededFuture(
                    new InspectedBody(
                        Buffer.buffer(),
                        false,
                        List.of(),
                        false,
                        Verdict.reject(
                            502, "upstream.unreachable", "the upstream response broke off")));
              }
              byte[] body = read.result();
              if (body == null) {
                // Chunked and past the limit: its start is consumed, so it cannot be streamed.
                discard(response);
                InspectOutcome refused =
                    inspector.tooLarge(integration, DlpDirection.RESPONSE, new byte[0]);
                return Future.succeededFuture(
                    InspectedBody.of(refused.blocked() ? refused : tooLargeUnannounced()));
              }
              return Future.succeededFuture(
                  InspectedBody.of(
                      inspector.inspect(
                          integration,
                          DlpDirection.RESPONSE,
                          headers.get(HttpHeaders.CONTENT_TYPE),
                          headers.get(HttpHeaders.CONTENT_ENCODING),
                          body)));
            });
  }

  /** Stops reading a refused response: the upstream connection is reset, its error expected. */
  private static void discard(HttpClientResponse response) {
    response.exceptionHandler(expected -> {});
    response.request().reset();
  }

  private InspectOutcome tooLargeUnannounced() {
    return new InspectOutcome(
        new byte[0],
        false,
        new InspectOutcome.Block(
            502,
            "dlp.body_too_large",
            "response body exceeds the "
                + inspector.maxBodyBytes()
                + "-byte inspection limit and came without a length"),
        false,
        true,
        List.of());
  }

  /**
   * Fixes the caller-bound headers for a rewritten body: drops those that describe the original
   * bytes and sets Content-Length to the new length. Call after copying the upstream's headers.
   */
  public static void rewriteHeaders(MultiMap headers, InspectedBody inspected) {
    if (inspected.body() == null) {
      return;
    }
    if (inspected.changed()) {
      for (String h : InspectedBody.REWRITE_STALE_HEADERS) {
        headers.remove(h);
      }
    }
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(inspected.body().length()));
  }
}
