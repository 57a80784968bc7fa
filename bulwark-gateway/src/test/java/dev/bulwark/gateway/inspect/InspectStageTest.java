package dev.bulwark.gateway.inspect;

import static dev.bulwark.gateway.inspect.BodyInspectorTest.CARD;
import static dev.bulwark.gateway.inspect.BodyInspectorTest.EMAIL;
import static dev.bulwark.gateway.inspect.BodyInspectorTest.KEY;
import static dev.bulwark.gateway.inspect.BodyInspectorTest.PERIMETER;
import static dev.bulwark.gateway.inspect.BodyInspectorTest.integration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Pipeline;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.FlowFinding;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Inspect stage on built exchanges (no server), inside a real {@link Pipeline}, and on live
 * requests over a socket (buffering, rewriting, blocking, the size limit), plus the response
 * direction on a real upstream response.
 */
class InspectStageTest {
  private static final BodyInspector INSPECTOR = BodyInspector.create(PERIMETER, KEY);
  private static Vertx vertx;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Exchange built(String integrationId, MultiMap headers) {
    Exchange exchange = Exchange.detached(HttpMethod.POST, "/crm/a", headers, "127.0.0.1", "req-1");
    exchange.principal(new Principal(integration(integrationId), "key-1", List.of()));
    return exchange;
  }

  private static MultiMap json(int length) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("Content-Length", String.valueOf(length));
  }

  // --- built exchanges -------------------------------------------------------------------

  @Test
  void rewrittenBodyAndFindingsAreHandedOn() {
    List<InspectedBody> seen = new ArrayList<>();
    InspectStage stage = new InspectStage(INSPECTOR, (ex, body) -> seen.add(body));
    byte[] body = ("{\"email\":\"" + EMAIL + "\"}").getBytes(StandardCharsets.UTF_8);

    Verdict verdict = stage.decideOn(built("masking", json(body.length)), body);

    assertThat(verdict).isSameAs(Verdict.CONTINUE);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).body().toString()).isEqualTo("{\"email\":\"[REDACTED:pii.email]\"}");
    assertThat(seen.get(0).changed()).isTrue();
    assertThat(seen.get(0).findings())
        .containsExactly(new FlowFinding("pii.email", "request", "$.email", "redact"));
  }

  @Test
  void blockedBodyIsA403WithItsFindings() {
    List<InspectedBody> seen = new ArrayList<>();
    InspectStage stage = new InspectStage(INSPECTOR, (ex, body) -> seen.add(body));
    byte[] body = ("{\"card\":\"" + CARD + "\"}").getBytes(StandardCharsets.UTF_8);

    Verdict verdict = stage.decideOn(built("redacting", json(body.length)), body);

    assertThat(verdict).isInstanceOf(Verdict.Reject.class);
    Verdict.Reject reject = (Verdict.Reject) verdict;
    assertThat(reject.status()).isEqualTo(403);
    assertThat(reject.reason()).isEqualTo("dlp.blocked");
    assertThat(reject.message()).doesNotContain(CARD);
    assertThat(seen.get(0).reject()).isEqualTo(reject);
    assertThat(seen.get(0).findings())
        .containsExactly(new FlowFinding("fin.payment_card", "request", "$.card", "block"));
  }

  @Test
  void inShadowModeABlockIsRecordedAndTheOriginalBodyGoesOn() throws Exception {
    List<InspectedBody> seen = new ArrayList<>();
    InspectStage stage = new InspectStage(INSPECTOR, (ex, b) -> seen.add(b));
    byte[] body = ("{\"card\":\"" + CARD + "\"}").getBytes(StandardCharsets.UTF_8);

    // Built exchanges have no live body: the pipeline runs the stage's decision on buffered bytes.
    Exchange e1 = built("redacting", json(body.length));
    Verdict enforced = await(Pipeline.builder().then(buffered(stage, body)).build().run(e1));
    assertThat(enforced).isInstanceOf(Verdict.Reject.class);

    Exchange e2 = built("redacting", json(body.length));
    Verdict shadowed = await(Pipeline.builder().shadow(buffered(stage, body)).build().run(e2));
    assertThat(shadowed).isSameAs(Verdict.CONTINUE);
    assertThat(e2.shadowedRejections()).hasSize(1);
    assertThat(e2.shadowedRejections().get(0).verdict().reason()).isEqualTo("dlp.blocked");
    assertThat(seen.get(1).body().getBytes()).isEqualTo(body);
  }

  /** The stage as the pipeline sees it, with the body already buffered (no live request). */
  private static dev.bulwark.gateway.pipeline.Stage.Sync buffered(InspectStage stage, byte[] body) {
    return new dev.bulwark.gateway.pipeline.Stage.Sync() {
      @Override
      public String name() {
        return stage.name();
      }

      @Override
      public Verdict decide(Exchange exchange) {
        return stage.decideOn(exchange, body);
      }
    };
  }

  @Test
  void inAPipelineAnUninspectedIntegrationContinuesWithoutTouchingTheBody() throws Exception {
    List<InspectedBody> seen = new ArrayList<>();
    Pipeline pipeline =
        Pipeline.builder().then(new InspectStage(INSPECTOR, (ex, b) -> seen.add(b))).build();
    // "tokenizing" inspects requests, but a request without a body has nothing to inspect
    Exchange bodiless =
        built("tokenizing", MultiMap.caseInsensitiveMultiMap().add("Content-Length", "0"));
    assertThat(await(pipeline.run(bodiless))).isSameAs(Verdict.CONTINUE);

    LoadFree noRequestRules = new LoadFree();
    Exchange uninspected = noRequestRules.exchange(json(10));
    assertThat(await(pipeline.run(uninspected))).isSameAs(Verdict.CONTINUE);
    assertThat(seen).isEmpty();
    assertThat(pipeline.stageNames()).containsExactly("inspect");
  }

  @Test
  void withoutAPrincipalTheStageFailsClosed() throws Exception {
    InspectStage stage = new InspectStage(INSPECTOR, (ex, b) -> {});
    Exchange anonymous =
        Exchange.detached(HttpMethod.POST, "/crm/a", json(2), "127.0.0.1", "req-2");
    Verdict verdict = await(stage.decide(anonymous));
    assertThat(((Verdict.Reject) verdict).status()).isEqualTo(500);
  }

  /** An exchange for an integration whose policy writes no request rules. */
  private static final class LoadFree {
    Exchange exchange(MultiMap headers) {
      var base = integration("tokenizing");
      var quiet =
          new dev.bulwark.model.Integration(
              base.id(),
              base.owner(),
              base.caller(),
              base.app(),
              base.credentialKind(),
              base.routes(),
              base.condition(),
              base.dataClasses(),
              base.scopes(),
              base.upstream());
      Exchange exchange =
          Exchange.detached(HttpMethod.POST, "/crm/a", headers, "127.0.0.1", "req-3");
      exchange.principal(new Principal(quiet, "key-1", List.of()));
      return exchange;
    }
  }

  // --- live requests over a socket -------------------------------------------------------

  /**
   * A server that runs the stage on each request for integration {@code id} (from the path) and
   * answers with what it decided: the rejection, or the body the forwarder would send.
   */
  private static int stageServer() throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  request.pause();
                  Exchange exchange = Exchange.of(request, "live");
                  String id = request.path().substring(1);
                  exchange.principal(new Principal(integration(id), "key-1", List.of()));
                  InspectedBody[] held = new InspectedBody[1];
                  InspectStage stage = new InspectStage(INSPECTOR, (ex, b) -> held[0] = b);
                  stage
                      .decide(exchange)
                      .onComplete(
                          done -> {
                            Verdict v = done.result();
                            JsonObject out = new JsonObject();
                            if (v instanceof Verdict.Reject r) {
                              out.put("status", r.status()).put("reason", r.reason());
                            } else {
                              out.put("status", 200)
                                  .put(
                                      "body",
                                      held[0] == null || held[0].body() == null
                                          ? null
                                          : held[0].body().toString());
                            }
                            request.response().end(out.encode());
                          });
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private static JsonObject post(int port, String path, String contentType, Buffer... chunks)
      throws Exception {
    return await(
        client
            .request(HttpMethod.POST, port, "127.0.0.1", path)
            .compose(
                (HttpClientRequest req) -> {
                  req.putHeader("Content-Type", contentType);
                  if (chunks.length == 1) {
                    return req.send(chunks[0]);
                  }
                  req.setChunked(true);
                  for (int i = 0; i < chunks.length - 1; i++) {
                    req.write(chunks[i]);
                  }
                  return req.send(chunks[chunks.length - 1]);
                })
            .compose(r -> r.body())
            .map(Buffer::toJsonObject));
  }

  @Test
  void liveRequestBodiesAreBufferedInspectedAndRewritten() throws Exception {
    int port = stageServer();
    JsonObject masked =
        post(port, "/masking", "application/json", Buffer.buffer("{\"card\":\"" + CARD + "\"}"));
    assertThat(masked.getInteger("status")).isEqualTo(200);
    assertThat(masked.getString("body")).isEqualTo("{\"card\":\"**** **** **** 1111\"}");

    JsonObject chunked =
        post(
            port,
            "/masking",
            "text/plain",
            Buffer.buffer("mail "),
            Buffer.buffer(EMAIL.substring(0, 5)),
            Buffer.buffer(EMAIL.substring(5) + " end"));
    assertThat(chunked.getString("body")).isEqualTo("mail [REDACTED:pii.email] end");

    JsonObject blocked =
        post(port, "/redacting", "application/json", Buffer.buffer("[\"" + CARD + "\"]"));
    assertThat(blocked.getInteger("status")).isEqualTo(403);
    assertThat(blocked.getString("reason")).isEqualTo("dlp.blocked");
  }

  @Test
  void liveBodiesPastTheLimitAreRefusedWhetherAnnouncedOrNot() throws Exception {
    int port = stageServer();
    String big = "a".repeat(5000);
    JsonObject announced = post(port, "/masking", "text/plain", Buffer.buffer(big));
    assertThat(announced.getInteger("status")).isEqualTo(413);
    assertThat(announced.getString("reason")).isEqualTo("dlp.body_too_large");

    JsonObject chunked =
        post(
            port,
            "/masking",
            "text/plain",
            Buffer.buffer(big.substring(0, 3000)),
            Buffer.buffer(big.substring(3000)));
    assertThat(chunked.getInteger("status")).isEqualTo(413);
    assertThat(chunked.getString("reason")).isEqualTo("dlp.body_too_large");
  }

  // --- response direction ----------------------------------------------------------------

  private static int upstream(String contentType, String body, boolean chunked) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  var response = request.response().putHeader("Content-Type", contentType);
                  response.putHeader("ETag", "\"v1\"");
                  if (chunked) {
                    response.setChunked(true);
                    response.write(body.substring(0, body.length() / 2));
                    response.end(body.substring(body.length() / 2));
                  } else {
                    response.end(body);
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private static InspectedBody fetch(int port, String integrationId) throws Exception {
    ResponseInspection inspection = new ResponseInspection(INSPECTOR);
    Exchange exchange = built(integrationId, MultiMap.caseInsensitiveMultiMap());
    assertThat(inspection.needed(exchange)).isTrue();
    return await(
        client
            .request(HttpMethod.GET, port, "127.0.0.1", "/")
            .compose(HttpClientRequest::send)
            .compose(response -> inspection.inspect(exchange, response)));
  }

  @Test
  void responseCarryingACardArrivesRedacted() throws Exception {
    int port = upstream("application/json", "{\"items\":[{\"pan\":\"" + CARD + "\"}]}", true);
    InspectedBody inspected = fetch(port, "redacting");
    assertThat(inspected.blocked()).isFalse();
    assertThat(inspected.body().toString())
        .isEqualTo("{\"items\":[{\"pan\":\"[REDACTED:fin.payment_card]\"}]}");
    assertThat(inspected.findings())
        .containsExactly(
            new FlowFinding("fin.payment_card", "response", "$.items[0].pan", "redact"));

    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().add("ETag", "\"v1\"").add("Content-Length", "99");
    ResponseInspection.rewriteHeaders(headers, inspected);
    assertThat(headers.get("ETag")).isNull();
    assertThat(headers.get("Content-Length")).isEqualTo(String.valueOf(inspected.body().length()));
  }

  @Test
  void blockedResponseIsA502AndKeepsNothingOfTheBody() throws Exception {
    int port = upstream("application/json", "{\"pan\":\"" + CARD + "\"}", false);
    InspectedBody inspected = fetch(port, "masking");
    assertThat(inspected.reject().status()).isEqualTo(502);
    assertThat(inspected.reject().reason()).isEqualTo("dlp.blocked");
    assertThat(inspected.body().length()).isZero();
    assertThat(inspected.findings())
        .containsExactly(new FlowFinding("fin.payment_card", "response", "$.pan", "block"));
  }

  @Test
  void responsesPastTheLimitAreRefused() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(5000) + "\"}";
    assertThat(fetch(upstream("application/json", big, false), "masking").reject().reason())
        .isEqualTo("dlp.body_too_large");
    assertThat(fetch(upstream("application/json", big, true), "masking").reject().status())
        .isEqualTo(502);
  }

  @Test
  void aDirectionWithoutRulesIsNotBuffered() {
    ResponseInspection inspection = new ResponseInspection(INSPECTOR);
    assertThat(inspection.needed(built("tokenizing", MultiMap.caseInsensitiveMultiMap())))
        .isFalse();
  }
}
