package dev.bulwark.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.PerimeterLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-ins answer vendor paths with vendor shapes, over TLS, only to the right credential. */
class StandInsTest {
  private static Vertx vertx;
  private static StandIns standIns;
  private static DemoSecrets secrets;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    Perimeter perimeter = PerimeterLoader.load(Path.of("../examples/perimeter.yaml")).perimeter();
    secrets =
        DemoSecrets.generate(
            perimeter, Set.of("salesforce", "hubspot", "slack", "github", "workday", "stripe"));
    DemoCertificates certs = DemoCertificates.generate();
    vertx = Vertx.vertx();
    standIns =
        StandIns.start(
                vertx,
                secrets,
                new HttpServerOptions().setSsl(true).setKeyCertOptions(certs.serverKeyCert()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    http = HttpClient.newBuilder().sslContext(trusting(certs.caPem())).build();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyDemoAppHasAStandInWithAcceptedCredentials() {
    assertThat(standIns.baseUrls())
        .containsOnlyKeys("salesforce", "hubspot", "slack", "github", "workday", "stripe");
    standIns
        .baseUrls()
        .forEach(
            (app, url) -> {
              assertThat(url.getScheme()).isEqualTo("https");
              assertThat(secrets.acceptedFor(app)).as(app).isNotEmpty();
            });
    assertThat(secrets.toString()).doesNotContain(secrets.byRef().values().iterator().next());
  }

  @Test
  void salesforceContactAndQuery() throws Exception {
    JsonObject contact =
        new JsonObject(
            get("salesforce", "/services/data/v59.0/sobjects/Contact/003D000000QV9n2IAD", true)
                .body());
    assertThat(contact.getJsonObject("attributes").getString("type")).isEqualTo("Contact");
    assertThat(contact.getString("Id")).isEqualTo("003D000000QV9n2IAD");
    assertThat(contact.getString("Email")).contains("@");
    JsonObject query =
        new JsonObject(
            get("salesforce", "/services/data/v59.0/query?q=SELECT+Id+FROM+Contact", true).body());
    assertThat(query.getBoolean("done")).isTrue();
    assertThat(query.getJsonArray("records")).hasSize(query.getInteger("totalSize"));
  }

  @Test
  void hubspotContacts() throws Exception {
    JsonObject page = new JsonObject(get("hubspot", "/crm/v3/objects/contacts", true).body());
    JsonObject first = page.getJsonArray("results").getJsonObject(0);
    assertThat(first.getJsonObject("properties").getString("email")).contains("@");
    assertThat(first.getBoolean("archived")).isFalse();
    assertThat(page.getJsonObject("paging").getJsonObject("next").getString("after")).isNotBlank();
  }

  @Test
  void slackAnswersItsOwnPublishedExamples() throws Exception {
    JsonObject list = new JsonObject(get("slack", "/api/conversations.list", true).body());
    assertThat(list.getBoolean("ok")).isTrue();
    assertThat(list.getJsonArray("channels").getJsonObject(0).getString("name"))
        .isEqualTo("general");
    HttpResponse<String> posted =
        http.send(
            request("slack", "/api/chat.postMessage", true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"C123\",\"text\":\"hi\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonObject reply = new JsonObject(posted.body());
    assertThat(reply.getBoolean("ok")).isTrue();
    assertThat(reply.getString("channel")).isEqualTo("C123");
    assertThat(reply.getJsonObject("message").getString("text")).isEqualTo("hi");
    // Slack reports a bad token in the body with HTTP 200
    HttpResponse<String> bad = get("slack", "/api/users.list", false);
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(bad.body()).getString("error")).isEqualTo("invalid_auth");
  }

  @Test
  void githubWorkdayStripe() throws Exception {
    JsonArray issues = new JsonArray(get("github", "/repos/acme/payments/issues", true).body());
    assertThat(issues.getJsonObject(0).getInteger("number")).isPositive();
    assertThat(issues.getJsonObject(0).getJsonObject("user").getString("login"))
        .isEqualTo("octocat");
    assertThat(issues.getJsonObject(0).getString("repository_url"))
        .endsWith("/repos/acme/payments");

    JsonObject workers = new JsonObject(get("workday", "/ccx/api/v1/acme/workers", true).body());
    assertThat(workers.getJsonArray("data")).hasSize(workers.getInteger("total"));
    assertThat(workers.getJsonArray("data").getJsonObject(0).getString("descriptor")).isNotBlank();

    JsonObject customers = new JsonObject(get("stripe", "/v1/customers", true).body());
    assertThat(customers.getString("object")).isEqualTo("list");
    assertThat(customers.getJsonArray("data").getJsonObject(0).getString("object"))
        .isEqualTo("customer");
    JsonObject charges = new JsonObject(get("stripe", "/v1/charges", true).body());
    assertThat(charges.getJsonArray("data").getJsonObject(0).getString("id")).startsWith("ch_");
  }

  @Test
  void aWrongCredentialGetsTheVendorsRefusalAndIsRecorded() throws Exception {
    HttpResponse<String> r = get("stripe", "/v1/customers", false);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("type"))
        .isEqualTo("invalid_request_error");
    assertThat(r.body()).doesNotContain("bwk_");
    ReceivedRequest last =
        standIns.get("stripe").received().get(standIns.get("stripe").received().size() - 1);
    assertThat(last.authorized()).isFalse();
    assertThat(last.callerCredentialSeen()).isTrue();
    assertThat(last.path()).isEqualTo("/v1/customers");
  }

  private static HttpResponse<String> get(String app, String path, boolean rightCredential)
      throws Exception {
    return http.send(
        request(app, path, rightCredential).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String app, String path, boolean rightCredential) {
    URI url = URI.create(standIns.get(app).baseUrl() + path);
    String auth =
        rightCredential
            ? secrets.acceptedFor(app).iterator().next()
            : "Bearer bwk_"
                + Base64.getEncoder().encodeToString("caller".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(url).header("Authorization", auth);
  }

  static SSLContext trusting(String caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "demo-ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
