package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.support.MutableClock;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.identity.oauth.SigningKeys;
import dev.bulwark.identity.oauth.TokenEndpoint;
import dev.bulwark.identity.oauth.TokenIssuer;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.model.FlowFinding;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.StoredAuditEvent;
import dev.bulwark.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * DLP through the real gateway on sockets: an upstream answering with a card number and an e-mail,
 * integrations whose policies redact, block or say nothing, and the audit rows they leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DlpGatewayTest {
  static final String CARD = "4111 1111 1111 1111";
  static final String EMAIL = "ann.lee@example.com";
  static final String RESPONSE =
      "{\"customer\":{\"email\":\"" + EMAIL + "\",\"cards\":[{\"number\":\"" + CARD + "\"}]}}";

  @TempDir static Path dir;
  Vertx vertx;
  HttpServer upstream;
  final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
  Store store;
  Gateway gateway;
  ApiKeys keys;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx(Gateway.vertxOptions(GatewayOptions.defaults().withEventLoops(1)));
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              upstreamBodies.add(body.toString());
                              req.response()
                                  .putHeader("Content-Type", "application/json")
                                  .putHeader("ETag", "\"original\"")
                                  .end(RESPONSE);
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    store =
        Stores.open(StoreOptions.sqlite(dir.resolve("bulwark.db"), KeyEncryptionKey.generate()));
    store.vault().put("crm/token", "crm-UPSTREAM-token-77".getBytes(StandardCharsets.UTF_8));
    MutableClock clock = new MutableClock();
    keys = new ApiKeys(store.credentials(), clock);
    SigningKeys signing = SigningKeys.of(SigningKeys.generate());
    Perimeter perimeter = perimeter(upstream.actualPort());
    GatewayServices services =
        new GatewayServices(
            new ApiKeyAuthenticator(store.credentials(), clock, Executors.newCachedThreadPool()),
            new TokenVerifier(signing, clock, "https://bulwark.test"),
            new TokenEndpoint(
                new ClientSecrets(store.credentials(), clock),
                new TokenIssuer(signing, clock, "https://bulwark.test"),
                id -> Optional.ofNullable(perimeter.integrations().get(id))),
            signing,
            store.vault(),
            store.audit());
    gateway =
        Gateway.start(
                vertx,
                GatewayOptions.defaults().withHost("127.0.0.1").withPort(0).withEventLoops(1),
                perimeter,
                services)
            .toCompletionStage()
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    gateway.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
  }

  static Perimeter perimeter(int port) {
    String yaml =
        """
        classification:
          confidential: [pii.email]
          restricted: [fin.payment_card]
        apps:
          - id: crm
            vendor: Acme
            baseUrl: http://127.0.0.1:%d/api
            insecureTransit: true
            owner: crm@acme.example
            dataClasses: [pii.email, fin.payment_card]
        integrations:
          - id: redacting
            owner: ops@acme.example
            app: crm
            credential: api-key
            routes: ["GET /customer", "POST /notes"]
            dataClasses: [pii.email, fin.payment_card]
            upstream: {kind: bearer, secret: crm/token}
            dlp:
              request: {pii.email: redact}
              response: {fin.payment_card: redact, pii.email: alert}
          - id: blocking
            owner: ops@acme.example
            app: crm
            credential: api-key
            routes: ["GET /customer"]
            dataClasses: [pii.email, fin.payment_card]
            upstream: {kind: bearer, secret: crm/token}
            dlp:
              response: {restricted: block}
          - id: trusting
            owner: ops@acme.example
            app: crm
            credential: api-key
            routes: ["GET /customer"]
            dataClasses: [pii.email, fin.payment_card]
            upstream: {kind: bearer, secret: crm/token}
        """
            .formatted(port);
    LoadResult loaded = PerimeterLoader.parse("dlp.yaml", yaml);
    assertThat(loaded.errors()).isEmpty();
    return loaded.perimeter();
  }

  HttpResponse<String> call(String integration, String method, String path, String body)
      throws Exception {
    String key = keys.create(integration, null).secret();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/crm" + path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(10));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  StoredAuditEvent auditOf(String requestId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (StoredAuditEvent e : store.audit().recent(null, 50)) {
        if (requestId.equals(e.event().requestId())) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no audit event for " + requestId);
  }

  @Test
  void responseCardIsRedactedForAnIntegrationWhosePolicySaysRedact() throws Exception {
    HttpResponse<String> response = call("redacting", "GET", "/customer", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .doesNotContain(CARD)
        .contains("[REDACTED:fin.payment_card]")
        .contains(EMAIL); // alert only: recorded, passed
    assertThat(response.headers().firstValue("Content-Length"))
        .contains(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
    assertThat(response.headers().firstValue("ETag")).isEmpty();

    StoredAuditEvent audit = auditOf(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(audit.event().findings())
        .contains(
            new FlowFinding("fin.payment_card", "response", "$.customer.cards[0].number", "redact"),
            new FlowFinding("pii.email", "response", "$.customer.email", "alert"));
    assertThat(audit.toString()).doesNotContain("4111").doesNotContain(EMAIL);
  }

  @Test
  void blockedResponseNeverReachesTheCaller() throws Exception {
    HttpResponse<String> response = call("blocking", "GET", "/customer", null);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body())
        .contains("dlp.blocked")
        .doesNotContain("4111")
        .doesNotContain(EMAIL);
    StoredAuditEvent audit = auditOf(response.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(audit.event().reason()).isEqualTo("dlp.blocked");
    assertThat(audit.event().findings())
        .extracting(FlowFinding::dataClass, FlowFinding::action)
        .contains(org.assertj.core.groups.Tuple.tuple("fin.payment_card", "block"));
  }

  @Test
  void requestEmailIsRedactedBeforeTheUpstreamSeesIt() throws Exception {
    upstreamBodies.clear();
    HttpResponse<String> response =
        call("redacting", "POST", "/notes", "{\"note\":\"call " + EMAIL + " today\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(upstreamBodies).hasSize(1);
    assertThat(upstreamBodies.get(0))
        .doesNotContain(EMAIL)
        .isEqualTo("{\"note\":\"call [REDACTED:pii.email] today\"}");
  }

  @Test
  void integrationWithoutPolicyStreamsTheBodyUntouched() throws Exception {
    HttpResponse<String> response = call("trusting", "GET", "/customer", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(RESPONSE);
    assertThat(response.headers().firstValue("ETag")).contains("\"original\"");
  }
}
