package dev.bulwark.gateway.inspect;

import dev.bulwark.gateway.forward.Forwarder;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.DlpDirection;
import dev.bulwark.model.Integration;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The Inspect stage, request direction: after Authorize and before Broker/Forward, applies the
 * integration's DLP request policy to the caller's body.
 *
 * <p>Decides from the principal's integration and the request headers whether to look at all: an
 * integration without request rules, or a request without a body, continues at once and the
 * forwarder streams the body as before (zero copy). Otherwise the body is buffered up to {@code
 * dlp.maxBodyBytes} and inspected; the result — the bytes to forward (rewritten or not) and the
 * audit findings — is handed to {@code onInspected}, which records it where the forwarder and the
 * audit event read it. A blocked body is a rejection (403 {@code dlp.blocked}, 413 {@code
 * dlp.body_too_large}, 415 {@code dlp.encoded_body}); its findings are handed over too, for the
 * audit event.
 *
 * <p>In shadow mode ({@code Pipeline.Builder#shadow}) a block is recorded, not enforced: the
 * handed-over body is then the original, so the request proceeds unchanged. Rewrites still apply in
 * shadow mode; only rejections are the pipeline's to withhold.
 */
public final class InspectStage implements Stage.Async {
  public static final String NAME = "inspect";

  private static final Future<Verdict> CONTINUED = Future.succeededFuture(Verdict.CONTINUE);

  private final BodyInspector inspector;
  private final BiConsumer<Exchange, InspectedBody> onInspected;
  private final ResponseInspection responses;

  /**
   * @param inspector built for the current perimeter
   * @param onInspected receives each inspected request body (typically stores it on the exchange
   *     for Forward and the audit event); called on the event loop, at most once per exchange
   */
  public InspectStage(BodyInspector inspector, BiConsumer<Exchange, InspectedBody> onInspected) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.onInspected = Objects.requireNonNull(onInspected, "onInspected");
    this.responses = new ResponseInspection(inspector);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Verdict> decide(Exchange exchange) {
    if (exchange.principal() == null) {
      return Future.succeededFuture(
          Verdict.reject(500, "pipeline.stage_failed", "inspect runs after authenticate"));
    }
    Integration integration = exchange.principal().integration();
    exchange.inspectResponse(responses.needed(exchange));
    if (!inspector.needsInspection(integration, DlpDirection.REQUEST)
        || !Forwarder.hasBody(exchange.headers())) {
      return CONTINUED;
    }
    long declared = BoundedBody.declaredLength(exchange.headers().get(HttpHeaders.CONTENT_LENGTH));
    if (declared > inspector.maxBodyBytes()) {
      // Known too large before reading a byte: refuse, or (oversize: pass) let Forward stream it.
      return Future.succeededFuture(oversize(exchange, integration, true));
    }
    HttpServerRequest request = exchange.request();
    if (request == null) {
      return Future.succeededFuture(
          Verdict.reject(500, "pipeline.stage_failed", "no request body to inspect"));
    }
    return BoundedBody.read(request, inspector.maxBodyBytes())
        .transform(
            read -> {
              if (read.failed()) {
                return Future.succeededFuture(
                    Verdict.reject(400, "norm.bad_request", "the request body could not be read"));
              }
              byte[] body = read.result();
              return Future.succeededFuture(
                  body == null ? oversize(exchange, integration, false) : decideOn(exchange, body));
            });
  }

  /**
   * The decision on a request body already in memory (what {@link #decide} does once it has
   * buffered; also how the stage is driven on built exchanges).
   */
  public Verdict decideOn(Exchange exchange, byte[] body) {
    Integration integration = exchange.principal().integration();
    InspectOutcome outcome =
        inspector.inspect(
            integration,
            DlpDirection.REQUEST,
            exchange.headers().get(HttpHeaders.CONTENT_TYPE),
            exchange.headers().get(HttpHeaders.CONTENT_ENCODING),
            body);
    InspectedBody inspected = InspectedBody.of(outcome);
    if (inspected.blocked()) {
      // Kept for shadow mode only: an enforced rejection stops the pipeline before Forward.
      inspected =
          new InspectedBody(
              Buffer.buffer(body), false, inspected.findings(), false, inspected.reject());
    }
    onInspected.accept(exchange, inspected);
    return inspected.blocked() ? inspected.reject() : Verdict.CONTINUE;
  }

  /**
   * A body over the limit. Announced by Content-Length, {@code oversize: pass} streams it
   * uninspected; a chunked body found too large while buffering is refused either way, since its
   * start is already consumed.
   */
  private Verdict oversize(Exchange exchange, Integration integration, boolean announced) {
    InspectOutcome outcome = inspector.tooLarge(integration, DlpDirection.REQUEST, new byte[0]);
    if (!outcome.blocked() && announced) {
      onInspected.accept(exchange, InspectedBody.STREAM);
      return Verdict.CONTINUE;
    }
    InspectOutcome.Block block =
        outcome.blocked()
            ? outcome.block()
            : new InspectOutcome.Block(
                413,
                "dlp.body_too_large",
                "request body exceeds the "
                    + inspector.maxBodyBytes()
                    + "-byte inspection limit and was sent without a length");
    InspectedBody refused =
        new InspectedBody(
            Buffer.buffer(),
            false,
            java.util.List.of(),
            false,
            Verdict.reject(block.status(), block.reason(), block.message()));
    onInspected.accept(exchange, refused);
    return refused.reject();
  }
}
