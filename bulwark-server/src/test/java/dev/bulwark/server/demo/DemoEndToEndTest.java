package dev.bulwark.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.StoreOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo as a person runs it, on ephemeral ports: the three printed requests answer 200, 403 and
 * 401 through the real gateway, each leaves an audit event visible on the admin API, the stand-in
 * saw only the allowed one (with the brokered credential, not the caller's key), and no upstream
 * secret shows up anywhere the caller or an admin can read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {
  @TempDir static Path data;
  private DemoRun demo;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String adminToken;

  // Every log line of the run, to check that no secret is ever logged.
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    demo =
        DemoRun.start(
            new DemoRun.Settings(
                data,
                StoreOptions.sqlite(
                    data.resolve("bulwark.db"), KeyEncryptionKey.loadOrCreate(data.resolve("kek"))),
                "127.0.0.1",
                0,
                0,
                0,
                Path.of("../examples/perimeter.yaml")));
    adminToken = Files.readString(data.resolve("admin-token")).strip();
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void theThreeCurlLinesAnswer200Then403Then401AndAreAudited() throws Exception {
    List<String> lines = Files.readAllLines(data.resolve("demo-curl.txt"));
    assertThat(lines).hasSize(3).isEqualTo(demo.curlLines());
    assertThat(lines.get(0)).contains(demo.demoKey()).doesNotContain(" -X ");
    assertThat(lines.get(1)).contains("-X DELETE").contains(demo.demoKey());
    assertThat(lines.get(2)).doesNotContain("Authorization");
    String url = demo.gatewayUrl() + DemoTraffic.CONTACT_PATH;
    for (String line : lines) {
      assertThat(line).endsWith(url);
    }

    HttpResponse<String> allowed = send("GET", url, demo.demoKey());
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    assertThat(new JsonObject(allowed.body()).getString("Id")).isEqualTo("003D000000QV9n2IAD");
    // The example perimeter masks phone numbers in this integration's responses (DLP).
    assertThat(new JsonObject(allowed.body()).getString("Phone"))
        .isNotEqualTo("(512) 757-6000")
        .endsWith("6000");

    HttpResponse<String> denied = send("DELETE", url, demo.demoKey());
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
    assertThat(new JsonObject(denied.body()).getString("error")).startsWith("authz.");

    HttpResponse<String> anonymous = send("GET", url, null);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("auth.missing");

    // The stand-in saw the allowed request, with the brokered credential only, and never the
    // denied or unauthenticated one (matched by the X-Request-Id the gateway sends upstream).
    String allowedId = allowed.headers().firstValue("x-request-id").orElseThrow();
    List<ReceivedRequest> received = demo.standIns().get("salesforce").received();
    List<String> seenIds = received.stream().map(ReceivedRequest::requestId).toList();
    assertThat(seenIds)
        .contains(allowedId)
        .doesNotContain(denied.headers().firstValue("x-request-id").orElseThrow())
        .doesNotContain(anonymous.headers().firstValue("x-request-id").orElseThrow());
    ReceivedRequest reached =
        received.stream().filter(r -> allowedId.equals(r.requestId())).findFirst().orElseThrow();
    assertThat(reached.method()).isEqualTo("GET");
    assertThat(reached.authorized()).isTrue();
    assertThat(reached.callerCredentialSeen()).isFalse();
    assertThat(received.stream().map(ReceivedRequest::method)).doesNotContain("DELETE");

    // Each request left its own audit event, found by the request id the gateway answered with.
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (HttpResponse<String> r : List.of(allowed, denied, anonymous)) {
      String requestId = r.headers().firstValue("x-request-id").orElseThrow();
      expected.put(requestId, r.statusCode());
    }
    Map<String, JsonObject> audited = awaitRequestIds(expected.keySet());
    assertThat(audited).containsOnlyKeys(expected.keySet());
    expected.forEach(
        (requestId, status) -> {
          JsonObject e = audited.get(requestId);
          assertThat(e.getInteger("status")).isEqualTo(status);
          assertThat(e.getString("decision")).isEqualTo(status == 200 ? "ALLOW" : "DENY");
          assertThat(e.getString("path")).endsWith("/Contact/003D000000QV9n2IAD");
          if (status == 200) {
            assertThat(e.getJsonArray("findings").encode())
                .contains("pii.phone", "mask", "$.Phone")
                .doesNotContain("757-6000");
          }
        });
    JsonArray mine =
        json("/api/v1/audit?integration=" + DemoTraffic.DEMO_INTEGRATION).getJsonArray("events");
    assertThat(mine.stream().map(o -> ((JsonObject) o).getString("decision")))
        .contains("ALLOW", "DENY");

    for (String secret : demo.secrets().byRef().values()) {
      for (HttpResponse<String> r : List.of(allowed, denied, anonymous)) {
        assertThat(r.body()).doesNotContain(secret);
      }
    }
  }

  @Test
  void theWholeTrafficMixGetsTheExpectedAnswers() throws Exception {
    for (DemoRequest r : DemoTraffic.requests()) {
      assertThat(demo.traffic().send(r)).as(r.method() + " " + r.path()).isEqualTo(r.expected());
    }
    // Nothing the perimeter refused ever reached a stand-in; everything that did carried the
    // brokered secret and never the caller's own key.
    for (String app : demo.standIns().baseUrls().keySet()) {
      for (ReceivedRequest got : demo.standIns().get(app).received()) {
        assertThat(got.authorized()).as(app + " " + got.path()).isTrue();
        assertThat(got.callerCredentialSeen()).isFalse();
        assertThat(got.method() + " " + got.path())
            .isNotEqualTo("DELETE /services/data/v59.0/sobjects/Contact/003D000000QV9n2IAD")
            .isNotEqualTo("GET /repos/someone-else/secrets/issues")
            .isNotEqualTo("POST /v1/charges");
      }
    }
  }

  @Test
  void neitherTheAdminApiNorTheLogsShowASecret() throws Exception {
    // Traffic that makes the gateway read every demo upstream secret from the vault.
    for (DemoRequest r : DemoTraffic.requests()) {
      demo.traffic().send(r);
    }
    assertThat(awaitEvents(DemoTraffic.requests().size(), "/api/v1/audit?limit=1000")).isNotEmpty();
    String everything =
        get("/api/v1/integrations").body()
            + get("/api/v1/audit?limit=1000").body()
            + get("/api/v1/apps").body();
    assertThat(everything).contains(DemoTraffic.DEMO_INTEGRATION);
    for (String secret : demo.secrets().byRef().values()) {
      assertThat(everything).doesNotContain(secret);
    }
    assertThat(everything).doesNotContain(demo.demoKey());

    StringBuilder logged = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(logs.list)) {
      logged.append(event.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        logged.append(t.getMessage()).append('\n');
      }
    }
    assertThat(logged).as("log lines").isNotEmpty();
    for (String secret : demo.secrets().byRef().values()) {
      assertThat(logged.toString()).doesNotContain(secret);
    }
    assertThat(logged.toString()).doesNotContain(demo.demoKey()).doesNotContain(adminToken);
    JsonObject health =
        new JsonObject(
            http.send(
                    HttpRequest.newBuilder(URI.create(demo.adminUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(health.getString("status")).isEqualTo("UP");
  }

  @Test
  void anOAuth2ClientGetsATokenAndReachesSalesforce() throws Exception {
    IssuedSecret secret =
        new ClientSecrets(demo.node().store().credentials(), Clock.systemUTC())
            .create("support-case-lookup", null);
    String basic =
        Base64.getEncoder()
            .encodeToString(
                ("support-case-lookup:" + secret.secret()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> token =
        http.send(
            HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    String accessToken = new JsonObject(token.body()).getString("access_token");

    String url = demo.gatewayUrl() + DemoTraffic.CONTACT_PATH;
    HttpResponse<String> allowed = send("GET", url, accessToken);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    // The same token may not write: the integration has no POST route.
    HttpResponse<String> denied =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        demo.gatewayUrl() + "/salesforce/services/data/v59.0/sobjects/Contact"))
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
  }

  private Map<String, JsonObject> awaitRequestIds(java.util.Set<String> ids) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Map<String, JsonObject> found = new LinkedHashMap<>();
    do {
      found.clear();
      JsonArray events = json("/api/v1/audit?limit=1000").getJsonArray("events");
      for (int i = 0; i < events.size(); i++) {
        JsonObject e = events.getJsonObject(i);
        if (ids.contains(e.getString("requestId"))) {
          found.put(e.getString("requestId"), e);
        }
      }
      if (found.size() == ids.size()) {
        return found;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return found;
  }

  private JsonArray awaitEvents(int atLeast, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonArray events;
    do {
      events = json(path).getJsonArray("events");
      if (events.size() >= atLeast) {
        return events;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return events;
  }

  private JsonObject json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(demo.adminUrl() + path))
            .header("Authorization", "Bearer " + adminToken)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String url, String key) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
