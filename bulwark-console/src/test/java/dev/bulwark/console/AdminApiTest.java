package dev.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.App;
import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Decision;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

// One store and server for the class: opening and migrating a store per test costs seconds.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {
  private static final String SECRET_HASH =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @TempDir static Path dir;
  private Vertx vertx;
  private Store store;
  private AdminApi api;
  private AdminToken token;
  private String tokenText;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile List<ConfigError> errors = List.of();

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    store =
        Stores.open(StoreOptions.sqlite(dir.resolve("bulwark.db"), KeyEncryptionKey.generate()));
    Path tokenFile = dir.resolve("admin-token");
    token = AdminToken.loadOrCreate(tokenFile);
    tokenText = Files.readString(tokenFile).strip();
    store
        .credentials()
        .insert(
            new CredentialRecord(
                "ak_1",
                "lead-sync",
                CredentialRecord.Kind.API_KEY,
                SECRET_HASH,
                "bwk_ab12…",
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                null));
    store
        .audit()
        .append(
            List.of(
                event("lead-sync", "ok", Decision.ALLOW, 200),
                event("other", "authz.route_denied", Decision.DENY, 403),
                event(null, "auth.missing", Decision.DENY, 401)));
    AdminSources sources =
        new AdminSources(() -> perimeter(), () -> errors, store.credentials(), store.audit());
    api =
        AdminApi.start(vertx, new AdminApiOptions("127.0.0.1", 0, token), sources)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void tokenFileIsOwnerOnlyAndStableAcrossStarts() throws Exception {
    Path file = dir.resolve("admin-token");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(tokenText).startsWith("bwa_").hasSizeGreaterThan(40);
    assertThat(AdminToken.loadOrCreate(file).matches(tokenText)).isTrue();
    assertThat(token.toString()).doesNotContain(tokenText);
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    HttpResponse<String> r = get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void apiRefusesMissingAndWrongTokens() throws Exception {
    HttpResponse<String> missing = get("/api/v1/integrations", null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("auth.missing");
    assertThat(missing.headers().firstValue("www-authenticate")).isPresent();

    HttpResponse<String> wrong = get("/api/v1/audit", tokenText + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("auth.invalid");
    assertThat(wrong.body()).doesNotContain(tokenText);
  }

  @Test
  void integrationsListCredentialsWithoutSecrets() throws Exception {
    HttpResponse<String> r = get("/api/v1/integrations", tokenText);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getInteger("count")).isEqualTo(1);
    JsonObject integration = body.getJsonArray("integrations").getJsonObject(0);
    assertThat(integration.getString("id")).isEqualTo("lead-sync");
    assertThat(integration.getJsonArray("routes").getJsonObject(0).getString("path"))
        .isEqualTo("/contacts/{id}");
    assertThat(integration.getJsonObject("upstream").getString("kind")).isEqualTo("bearer");
    assertThat(integration.getJsonObject("upstream").getString("secretRef")).isEqualTo("crm/token");
    JsonObject credential = integration.getJsonArray("credentials").getJsonObject(0);
    assertThat(credential.getString("id")).isEqualTo("ak_1");
    assertThat(credential.getBoolean("active")).isTrue();
    assertThat(r.body()).doesNotContain(SECRET_HASH).doesNotContain("secretHash");
  }

  @Test
  void auditFiltersByIntegrationAndLimits() throws Exception {
    JsonArray all = new JsonObject(get("/api/v1/audit", tokenText).body()).getJsonArray("events");
    assertThat(all).hasSize(3);
    assertThat(all.getJsonObject(0).getString("reason")).isEqualTo("auth.missing"); // newest first
    assertThat(all.getJsonObject(0).getString("hash")).hasSize(64);

    JsonArray one =
        new JsonObject(get("/api/v1/audit?integration=lead-sync&limit=5", tokenText).body())
            .getJsonArray("events");
    assertThat(one).hasSize(1);
    assertThat(one.getJsonObject(0).getString("decision")).isEqualTo("ALLOW");
    assertThat(one.getJsonObject(0).getInteger("status")).isEqualTo(200);

    assertThat(new JsonObject(get("/api/v1/audit?limit=2", tokenText).body()).getInteger("count"))
        .isEqualTo(2);
    assertThat(get("/api/v1/audit?limit=abc", tokenText).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/audit?limit=0", tokenText).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/audit?limit=100000", tokenText).statusCode()).isEqualTo(400);
  }

  @Test
  void configErrorsFollowTheSupplier() throws Exception {
    assertThat(new JsonObject(get("/api/v1/config/errors", tokenText).body()).getInteger("count"))
        .isZero();
    errors = List.of(new ConfigError("perimeter.yaml", 12, 5, "unknown key 'baseUrll'"));
    JsonObject body = new JsonObject(get("/api/v1/config/errors", tokenText).body());
    assertThat(body.getInteger("count")).isEqualTo(1);
    assertThat(body.getJsonArray("errors").getJsonObject(0).getString("text"))
        .isEqualTo("perimeter.yaml:12:5: unknown key 'baseUrll'");
    errors = List.of();
  }

  @Test
  void appsShowInsecureTransitAsRisk() throws Exception {
    JsonObject body = new JsonObject(get("/api/v1/apps", tokenText).body());
    JsonObject app = body.getJsonArray("apps").getJsonObject(0);
    assertThat(app.getString("id")).isEqualTo("crm");
    assertThat(app.getBoolean("insecureTransit")).isTrue();
  }

  @Test
  void openApiDescriptionIsServed() throws Exception {
    HttpResponse<String> r = get("/api/v1/openapi.yaml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("/api/v1/audit").contains("openapi: 3");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Perimeter perimeter() {
    App app =
        new App("crm", "Acme CRM", URI.create("http://127.0.0.1:1"), true, "ops", List.of(), true);
    Integration integration =
        new Integration(
            "lead-sync",
            "revops",
            "sync job",
            "crm",
            CredentialKind.API_KEY,
            List.of(new RouteRule("lead-sync#0", "GET", "/contacts/{id}")),
            null,
            List.of(),
            List.of(),
            new UpstreamAuth(UpstreamAuth.Kind.BEARER, "crm/token", null, null, null, null));
    return new Perimeter(Map.of(), Map.of("crm", app), Map.of("lead-sync", integration));
  }

  private static AuditEvent event(String integration, String reason, Decision d, int status) {
    return new AuditEvent(
        Instant.now(),
        "req-" + reason,
        integration,
        "crm",
        "GET",
        "/crm/contacts/1",
        null,
        d,
        reason,
        status,
        0,
        10,
        100,
        "127.0.0.1",
        List.of());
  }
}
