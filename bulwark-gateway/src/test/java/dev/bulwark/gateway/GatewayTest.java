package dev.bulwark.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.gateway.support.MutableClock;
import dev.bulwark.gateway.support.RecordingUpstream;
import dev.bulwark.gateway.support.SelfSignedCert;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.identity.oauth.SigningKeys;
import dev.bulwark.identity.oauth.TokenEndpoint;
import dev.bulwark.identity.oauth.TokenIssuer;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.model.App;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Decision;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.StoredAuditEvent;
import dev.bulwark.store.Stores;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The gateway through real sockets: a real SQLite store, the identity classes, a recording
 * upstream. Each test asserts what the caller got and what the upstream did (or did not) see.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayTest {
  static final String UPSTREAM_SECRET = "upstream-SECRET-9b1d44e0";
  static final String UPSTREAM_KEY = "upstream-APIKEY-51c0ffee";
  static final String SAAS_CLIENT_SECRET = "saas-CLIENT-SECRET-a1b2c3";

  @TempDir static Path dir;

  Vertx vertx;
  Store store;
  MutableClock clock = new MutableClock();
  ExecutorService storeThreads = Executors.newCachedThreadPool();
  RecordingUpstream upstream;
  RecordingUpstream tlsUpstream;
  SelfSignedCert upstreamCert;
  ApiKeys apiKeys;
  ApiKeyAuthenticator authenticator;
  ClientSecrets clientSecrets;
  GatewayServices services;
  AtomicReference<Perimeter> current = new AtomicReference<>();
  Gateway gateway;
  String key;
  String writerKey;
  String tlsKey;
  String plainKey;
  String lostKey;
  IssuedSecret oauthSecret;
  final List<String> everythingTheCallerSaw = new CopyOnWriteArrayList<>();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);

    vertx = Vertx.vertx(Gateway.vertxOptions(GatewayOptions.defaults().withEventLoops(2)));
    upstream = RecordingUpstream.start(vertx, null);
    upstreamCert = SelfSignedCert.create(dir, "upstream");
    tlsUpstream = RecordingUpstream.start(vertx, upstreamCert);
    store =
        Stores.open(StoreOptions.sqlite(dir.resolve("bulwark.db"), KeyEncryptionKey.generate()));
    store.vault().put("crm/token", UPSTREAM_SECRET.getBytes(StandardCharsets.UTF_8));
    store.vault().put("crm/key", UPSTREAM_KEY.getBytes(StandardCharsets.UTF_8));
    store.vault().put("crm/client-secret", SAAS_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8));

    apiKeys = new ApiKeys(store.credentials(), clock);
    authenticator = new ApiKeyAuthenticator(store.credentials(), clock, storeThreads);
    clientSecrets = new ClientSecrets(store.credentials(), clock);
    SigningKeys signing = SigningKeys.of(SigningKeys.generate());
    TokenIssuer issuer = new TokenIssuer(signing, clock, "https://bulwark.test");
    TokenVerifier verifier = new TokenVerifier(signing, clock, "https://bulwark.test");
    TokenEndpoint endpoint =
        new TokenEndpoint(clientSecrets, issuer, id -> current.get().integration(id));
    services =
        new GatewayServices(
            authenticator, verifier, endpoint, signing, store.vault(), store.audit());

    key = apiKeys.create("crm-sync", null).secret();
    writerKey = apiKeys.create("crm-writer", null).secret();
    tlsKey = apiKeys.create("tls-sync", null).secret();
    plainKey = apiKeys.create("plain-sync", null).secret();
    lostKey = apiKeys.create("lost-secret", null).secret();
    oauthSecret = clientSecrets.create("oauth-client", null);

    current.set(perimeter(true));
    gateway = startGateway(GatewayOptions.defaults());
  }

  Gateway startGateway(GatewayOptions options) throws Exception {
    return Gateway.start(
            vertx,
            options
                .withHost("127.0.0.1")
                .withPort(0)
                .withEventLoops(2)
                .withTimeouts(Duration.ofSeconds(8), Duration.ofMillis(700)),
            current.get(),
            services)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  Perimeter perimeter(boolean withContactRoute) {
    String base = "http://127.0.0.1:" + upstream.port() + "/api";
    Map<String, App> apps = new LinkedHashMap<>();
    apps.put("crm", app("crm", base, true));
    apps.put("plain", app("plain", base, false));
    apps.put("secure", app("secure", "https://localhost:" + tlsUpstream.port() + "/v1", false));
    Map<String, Integration> integrations = new LinkedHashMap<>();
    List<String> crmRoutes = new ArrayList<>();
    if (withContactRoute) {
      crmRoutes.add("GET /contacts/{id}");
    }
    crmRoutes.addAll(List.of("POST /contacts", "GET /slow", "GET /hop", "GET /search"));
    integrations.put(
        "crm-sync",
        integration(
            "crm-sync",
            "crm",
            CredentialKind.API_KEY,
            "request.method == \"GET\" || \"contacts.write\" in integration.scopes",
            List.of("contacts.read"),
            new UpstreamAuth(UpstreamAuth.Kind.BEARER, "crm/token", null, null, null, null),
            crmRoutes.toArray(new String[0])));
    integrations.put(
        "crm-writer",
        integration(
            "crm-writer",
            "crm",
            CredentialKind.API_KEY,
            null,
            List.of("contacts.write"),
            new UpstreamAuth(
                UpstreamAuth.Kind.API_KEY_HEADER, "crm/key", "X-Upstream-Key", null, null, null),
            "POST /contacts"));
    integrations.put(
        "plain-sync",
        integration(
            "plain-sync",
            "plain",
            CredentialKind.API_KEY,
            null,
            List.of(),
            UpstreamAuth.NONE,
            "GET /contacts/{id}"));
    integrations.put(
        "lost-secret",
        integration(
            "lost-secret",
            "crm",
            CredentialKind.API_KEY,
            null,
            List.of(),
            new UpstreamAuth(UpstreamAuth.Kind.BEARER, "crm/never-stored", null, null, null, null),
            "GET /contacts/{id}"));
    integrations.put(
        "tls-sync",
        integration(
            "tls-sync",
            "secure",
            CredentialKind.API_KEY,
            null,
            List.of(),
            UpstreamAuth.NONE,
            "GET /contacts/{id}"));
    integrations.put(
        "oauth-client",
        integration(
            "oauth-client",
            "crm",
            CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
            null,
            List.of("contacts.read"),
            new UpstreamAuth(
                UpstreamAuth.Kind.OAUTH2_CLIENT_CREDENTIALS,
                "crm/client-secret",
                null,
                URI.create("http://127.0.0.1:" + upstream.port() + "/oauth/token"),
                "bulwark-at-crm",
                "api"),
            "GET /contacts/{id}"));
    return new Perimeter(Map.of(), apps, integrations);
  }

  static App app(String id, String base, boolean insecure) {
    return new App(id, "Vendor", URI.create(base), true, "owner@acme.test", List.of(), insecure);
  }

  static Integration integration(
      String id,
      String app,
      CredentialKind kind,
      String condition,
      List<String> scopes,
      UpstreamAuth upstream,
      String... routes) {
    List<RouteRule> rules = new ArrayList<>();
    for (int i = 0; i < routes.length; i++) {
      String[] parts = routes[i].split(" ", 2);
      rules.add(new RouteRule(id + "#" + i, parts[0], parts[1]));
    }
    return new Integration(
        id, "owner@acme.test", "test", app, kind, rules, condition, List.of(), scopes, upstream);
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
    upstream.close();
    tlsUpstream.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
    storeThreads.shutdownNow();
  }

  // --- client helpers

  record Answer(int status, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  Answer call(HttpMethod method, String uri, Map<String, String> headers, String body)
      throws Exception {
    return call(gateway.port(), method, uri, headers, body);
  }

  /**
   * One request on its own connection, written and parsed by hand: the target goes out exactly as
   * given (no client-side normalization), and the answer is read by its Content-Length.
   */
  Answer call(int port, HttpMethod method, String uri, Map<String, String> headers, String body)
      throws Exception {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method.name()).append(' ').append(uri).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(payload.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      java.io.DataInputStream in =
          new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      String status = readLine(in);
      MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        responseHeaders.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
      byte[] content;
      if (responseHeaders.contains("Content-Length")) {
        content = new byte[Integer.parseInt(responseHeaders.get("Content-Length"))];
        in.readFully(content);
      } else {
        content = in.readAllBytes();
      }
      Answer answer =
          new Answer(
              Integer.parseInt(status.split(" ")[1]),
              responseHeaders,
              new String(content, StandardCharsets.UTF_8));
      everythingTheCallerSaw.add(status + responseHeaders);
      everythingTheCallerSaw.add(answer.body());
      return answer;
    }
  }

  Answer get(String uri, String apiKey) throws Exception {
    return call(
        HttpMethod.GET,
        uri,
        apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey),
        null);
  }

  /** Sends raw bytes and returns everything read until the server closes (or 5 s). */
  String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          read.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException e) {
        // the server kept the connection open: return what we have
      }
      String response = read.toString(StandardCharsets.ISO_8859_1);
      everythingTheCallerSaw.add(response);
      return response;
    }
  }

  static void assertError(Answer a, int status, String reason) {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(a.json().getString("error")).isEqualTo(reason);
    assertThat(a.json().getString("requestId")).isEqualTo(a.headers().get("X-Request-Id"));
    assertThat(a.json().containsKey("rule")).isTrue();
    assertThat(a.json().getString("message")).isNotBlank();
  }

  List<String> upstreamUris() {
    return upstream.received().stream().map(RecordingUpstream.Received::uri).toList();
  }

  // --- the tests

  @Test
  @Order(1)
  void allowedRequestReachesUpstreamWithInjectedCredentialAndWithoutTheCallers() throws Exception {
    upstream.clear();
    Answer a =
        call(
            HttpMethod.GET,
            "/crm/contacts/42?fields=email&x=%20y",
            Map.of(
                "Authorization", "Bearer " + key,
                "Cookie", "session=caller-cookie",
                "X-Request-Id", "trace-abc.1"),
            null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().getBoolean("ok")).isTrue();
    assertThat(a.headers().get("X-Request-Id")).isEqualTo("trace-abc.1");
    assertThat(upstream.received()).hasSize(1);
    RecordingUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.uri()).isEqualTo("/api/contacts/42?fields=email&x=%20y");
    assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + UPSTREAM_SECRET);
    assertThat(seen.headers().getAll("Authorization")).hasSize(1);
    assertThat(seen.headers().contains("Cookie")).isFalse();
    assertThat(seen.headers().contains("X-Api-Key")).isFalse();
    assertThat(seen.headers().get("X-Request-Id")).isEqualTo("trace-abc.1");
    assertThat(seen.headers().get("Host")).isEqualTo("127.0.0.1:" + upstream.port());
    assertThat(seen.toString()).doesNotContain(key);
  }

  @Test
  @Order(2)
  void xApiKeyHeaderWorksAndIsNotForwarded() throws Exception {
    upstream.clear();
    Answer a = call(HttpMethod.GET, "/crm/contacts/7", Map.of("X-Api-Key", key), null);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().get("X-Request-Id")).matches("[0-9a-f]{16}");
    RecordingUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.headers().contains("X-Api-Key")).isFalse();
    assertThat(seen.headers().get("X-Request-Id")).isEqualTo(a.headers().get("X-Request-Id"));
  }

  @Test
  @Order(3)
  void deniedRouteIs403AndNeverReachesUpstream() throws Exception {
    upstream.clear();
    Answer a = get("/crm/admin/users", key);
    assertError(a, 403, "authz.route_denied");
    Answer b =
        call(HttpMethod.POST, "/crm/contacts", Map.of("Authorization", "Bearer " + key), "{}");
    assertError(b, 403, "authz.condition_false");
    assertThat(b.json().getString("rule")).isEqualTo("crm-sync#1");
    Answer c = get("/plain/contacts/1", key);
    assertError(c, 403, "authz.app_denied");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  @Order(4)
  void missingInvalidExpiredRevokedCredentialsAre401() throws Exception {
    upstream.clear();
    Answer none = get("/crm/contacts/1", null);
    assertError(none, 401, "auth.missing");
    assertThat(none.headers().get("WWW-Authenticate")).startsWith("Bearer realm=\"bulwark\"");
    assertError(
        get("/crm/contacts/1", "bwk_notarealkeyatall00000000000000000000000"), 401, "auth.invalid");
    assertError(
        call(
            HttpMethod.GET, "/crm/contacts/1", Map.of("Authorization", "Basic Zm9vOmJhcg=="), null),
        401,
        "auth.invalid");

    String expiring = apiKeys.create("crm-sync", Duration.ofMinutes(1)).secret();
    assertThat(get("/crm/contacts/1", expiring).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));
    assertError(get("/crm/contacts/1", expiring), 401, "auth.expired");

    IssuedSecret doomed = apiKeys.create("crm-sync", null);
    assertThat(get("/crm/contacts/1", doomed.secret()).status()).isEqualTo(200);
    apiKeys.revoke(doomed.credentialId());
    authenticator.invalidateAll(); // in-process revocation takes effect at once
    assertError(get("/crm/contacts/1", doomed.secret()), 401, "auth.revoked");
    assertThat(upstream.received()).hasSize(2);
  }

  @Test
  @Order(5)
  void unknownAppIs404() throws Exception {
    assertError(get("/nowhere/x", key), 404, "route.unknown_app");
  }

  @Test
  @Order(6)
  void jwtFromTokenEndpointWorksEndToEndAndUpstreamTokenIsBrokered() throws Exception {
    upstream.clear();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                ("oauth-client:" + oauthSecret.secret()).getBytes(StandardCharsets.UTF_8));
    Answer token =
        call(
            HttpMethod.POST,
            "/oauth2/token",
            Map.of(
                "Authorization",
                "Basic " + basic,
                "Content-Type",
                "application/x-www-form-urlencoded"),
            "grant_type=client_credentials");
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    String jwt = token.json().getString("access_token");
    assertThat(jwt).isNotBlank();

    Answer jwks = call(HttpMethod.GET, "/.well-known/jwks.json", Map.of(), null);
    assertThat(jwks.status()).isEqualTo(200);
    assertThat(jwks.json().getJsonArray("keys")).isNotEmpty();
    assertThat(jwks.body()).doesNotContain("\"d\"");

    assertThat(get("/crm/contacts/5", jwt).status()).isEqualTo(200);
    assertThat(get("/crm/contacts/6", jwt).status()).isEqualTo(200);
    assertThat(upstream.tokenRequests()).isEqualTo(1); // cached until shortly before expiry
    List<RecordingUpstream.Received> api =
        upstream.received().stream().filter(r -> r.uri().startsWith("/api/")).toList();
    assertThat(api).hasSize(2);
    for (RecordingUpstream.Received r : api) {
      assertThat(r.headers().get("Authorization"))
          .isEqualTo("Bearer " + RecordingUpstream.SAAS_ACCESS_TOKEN);
      assertThat(r.toString()).doesNotContain(jwt);
    }
    RecordingUpstream.Received grant =
        upstream.received().stream().filter(r -> r.uri().equals("/oauth/token")).findFirst().get();
    assertThat(grant.headers().get("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        ("bulwark-at-crm:" + SAAS_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(grant.body().toString()).isEqualTo("grant_type=client_credentials&scope=api");

    Answer wrongSecret =
        call(
            HttpMethod.POST,
            "/oauth2/token",
            Map.of(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("oauth-client:nope".getBytes(StandardCharsets.UTF_8)),
                "Content-Type",
                "application/x-www-form-urlencoded"),
            "grant_type=client_credentials");
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertError(
        get("/crm/contacts/5", jwt.substring(0, jwt.length() - 4) + "AAAA"),
        401,
        "auth.token_invalid");
  }

  @ParameterizedTest
  @Order(7)
  @ValueSource(
      strings = {
        "/crm/contacts/../admin",
        "/crm/contacts/%2e%2e/admin",
        "/crm/contacts/%2E%2E/admin",
        "/crm/contacts/%252e%252e/admin",
        "/crm//admin",
        "/crm/contacts%2F..%2Fadmin",
        "/crm/contacts/1%2F..%2F..%2Fadmin",
        "/crm/contacts/..%2fadmin",
        "/crm/contacts/1/../../admin",
        "/crm/../crm/admin",
        "/crm/contacts/.%2e/admin",
        "/crm/contacts/%c0%ae%c0%ae/admin",
        "/crm/contacts\\..\\admin",
        "/crm/contacts/..;/admin"
      })
  void pathTricksNeverReachAnUnallowedUpstreamPath(String trick) throws Exception {
    upstream.clear();
    String rid = "trick-" + System.nanoTime();
    Answer a =
        call(
            HttpMethod.GET,
            trick,
            Map.of("Authorization", "Bearer " + key, "X-Request-Id", rid),
            null);
    assertThat(a.status()).as(trick + " -> " + a.body()).isIn(400, 403, 404);
    for (String uri : upstreamUris()) {
      assertThat(uri).matches("/api/contacts/[^/]+");
      assertThat(uri.toLowerCase())
          .doesNotContain("admin")
          .doesNotContain("..")
          .doesNotContain("%2f");
    }
  }

  @Test
  @Order(7)
  void oneKeepAliveConnectionCarriesManyAllowedAndRejectedRequests() throws Exception {
    String[] targets = {
      "/crm/contacts/1",
      "/crm/contacts/%252e%252e/admin",
      "/crm/admin",
      "/nowhere/x",
      "/crm/contacts/../admin",
      "/crm/contacts/2"
    };
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      java.io.DataInputStream in =
          new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      for (int i = 0; i < 60; i++) {
        String target = targets[i % targets.length];
        out.write(
            ("GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = readLine(in);
        int length = -1;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        assertThat(length).as(target).isPositive();
        byte[] body = new byte[length];
        in.readFully(body);
        assertThat(status).as(target).matches("HTTP/1.1 (200|400|403|404) .*");
      }
    }
  }

  private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new java.io.EOFException("connection closed after: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  @Order(8)
  void contentLengthWithTransferEncodingIsRefusedOverARawSocket() throws Exception {
    upstream.clear();
    String response =
        raw(
            "POST /crm/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + writerKey
                + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /crm/admin HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("\"error\":\"norm.ambiguous_length\"");
    assertThat(response.toLowerCase()).contains("connection: close");
    assertThat(response.indexOf("HTTP/1.1")).isEqualTo(response.lastIndexOf("HTTP/1.1"));

    String twoLengths =
        raw(
            "POST /crm/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + writerKey
                + "\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}");
    assertThat(twoLengths).startsWith("HTTP/1.1 400");
    assertThat(twoLengths).contains("\"error\":\"norm.ambiguous_length\"");

    String badEncoding =
        raw(
            "POST /crm/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + writerKey
                + "\r\nTransfer-Encoding: gzip\r\n\r\n");
    assertThat(badEncoding).startsWith("HTTP/1.1 400");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  @Order(9)
  void bodiesArePipedBothWaysWithTheBrokeredApiKeyHeader() throws Exception {
    upstream.clear();
    String body = "{\"name\":\"" + "x".repeat(200_000) + "\"}";
    Answer a =
        call(
            HttpMethod.POST,
            "/crm/contacts",
            Map.of("X-Api-Key", writerKey, "Content-Type", "application/json"),
            body);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().getInteger("bytes")).isEqualTo(body.length());
    RecordingUpstream.Received seen = upstream.received().get(0);
    assertThat(seen.body().toString()).isEqualTo(body);
    assertThat(seen.headers().get("X-Upstream-Key")).isEqualTo(UPSTREAM_KEY);
    assertThat(seen.headers().contains("Authorization")).isFalse();

    // chunked from the caller: re-framed upstream, same bytes
    String chunked =
        raw(
            "POST /crm/contacts HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
                + writerKey
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    assertThat(chunked).startsWith("HTTP/1.1 200");
    assertThat(upstream.received().get(1).body().toString()).isEqualTo("hello world");
  }

  @Test
  @Order(10)
  void plainHttpUpstreamWithoutInsecureTransitIs502() throws Exception {
    upstream.clear();
    assertError(get("/plain/contacts/1", plainKey), 502, "upstream.insecure_transit");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  @Order(11)
  void selfSignedTlsUpstreamIsRefusedUnlessTrusted() throws Exception {
    tlsUpstream.clear();
    assertError(get("/secure/contacts/1", tlsKey), 502, "upstream.tls");
    assertThat(tlsUpstream.received()).isEmpty();

    Gateway trusting =
        startGateway(GatewayOptions.defaults().withUpstreamTrust(upstreamCert.certPem()));
    try {
      Answer a =
          call(
              trusting.port(),
              HttpMethod.GET,
              "/secure/contacts/1",
              Map.of("Authorization", "Bearer " + tlsKey),
              null);
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(tlsUpstream.received()).hasSize(1);
      assertThat(tlsUpstream.received().get(0).uri()).isEqualTo("/v1/contacts/1");
    } finally {
      trusting.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(11)
  void missingUpstreamSecretIs503AndNothingIsForwarded() throws Exception {
    upstream.clear();
    assertError(get("/crm/contacts/1", lostKey), 503, "broker.secret_missing");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  @Order(11)
  void tlsListenerServesThePipeline() throws Exception {
    SelfSignedCert own = SelfSignedCert.create(dir, "gateway");
    Gateway tls = startGateway(GatewayOptions.defaults().withTls(0, own.certPem(), own.keyPem()));
    try {
      assertThat(tls.tlsPort()).isPositive();
      javax.net.ssl.TrustManagerFactory tmf =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream pem = java.nio.file.Files.newInputStream(own.certPem())) {
        trust.setCertificateEntry(
            "gw",
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem));
      }
      tmf.init(trust);
      javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      try (Socket socket = ssl.getSocketFactory().createSocket("127.0.0.1", tls.tlsPort())) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("GET /crm/contacts/3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        String response =
            new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        everythingTheCallerSaw.add(response);
        assertThat(response).startsWith("HTTP/1.1 200");
      }
    } finally {
      tls.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(12)
  void slowUpstreamIs504() throws Exception {
    Answer a = get("/crm/slow", key);
    assertError(a, 504, "upstream.timeout");
  }

  @Test
  @Order(13)
  void responseHopByHopHeadersAreStripped() throws Exception {
    Answer a = get("/crm/hop", key);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().get("X-End-To-End")).isEqualTo("kept");
    assertThat(a.headers().contains("X-Secret-Hop")).isFalse();
    assertThat(a.headers().contains("Keep-Alive")).isFalse();
    assertThat(a.headers().contains("Proxy-Authenticate")).isFalse();
    // our own request said Connection: close; the upstream's "Connection: X-Secret-Hop" is gone
    assertThat(a.headers().getAll("Connection")).allMatch(v -> v.equalsIgnoreCase("close"));
  }

  @Test
  @Order(14)
  void reloadSwapsTheConfigurationAtomically() throws Exception {
    assertThat(get("/crm/contacts/1", key).status()).isEqualTo(200);
    current.set(perimeter(false));
    gateway.reload(current.get());
    assertError(get("/crm/contacts/1", key), 403, "authz.route_denied");
    current.set(perimeter(true));
    gateway.reload(current.get());
    assertThat(get("/crm/contacts/1", key).status()).isEqualTo(200);
  }

  @Test
  @Order(20)
  void everyRequestIsAuditedWithDecisionReasonRuleAndBytes() throws Exception {
    Answer allowed =
        call(
            HttpMethod.POST,
            "/crm/contacts",
            Map.of("X-Api-Key", writerKey, "X-Request-Id", "audit-allowed-1"),
            "{\"a\":1}");
    Answer denied =
        call(
            HttpMethod.POST,
            "/crm/contacts",
            Map.of("X-Api-Key", key, "X-Request-Id", "audit-denied-1"),
            "{}");
    call(HttpMethod.GET, "/crm/contacts/1", Map.of("X-Request-Id", "audit-anon-1"), null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (store.audit().recent(null, 500).stream()
        .noneMatch(e -> e.event().requestId().equals("audit-anon-1"))) {
      assertThat(System.nanoTime()).as("audit event within 5 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    Map<String, StoredAuditEvent> byId = new LinkedHashMap<>();
    store.audit().recent(null, 500).forEach(e -> byId.put(e.event().requestId(), e));

    var ok = byId.get("audit-allowed-1").event();
    assertThat(ok.decision()).isEqualTo(Decision.ALLOW);
    assertThat(ok.reason()).isEqualTo("ok");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.integration()).isEqualTo("crm-writer");
    assertThat(ok.app()).isEqualTo("crm");
    assertThat(ok.method()).isEqualTo("POST");
    assertThat(ok.path()).isEqualTo("/contacts");
    assertThat(ok.routeRule()).isEqualTo("crm-writer#0");
    assertThat(ok.bytesIn()).isEqualTo(7);
    assertThat(ok.bytesOut()).isEqualTo(allowed.body().length());
    assertThat(ok.sourceAddress()).isEqualTo("127.0.0.1");
    assertThat(ok.latencyMicros()).isPositive();

    var no = byId.get("audit-denied-1").event();
    assertThat(no.decision()).isEqualTo(Decision.DENY);
    assertThat(no.reason()).isEqualTo("authz.condition_false");
    assertThat(no.routeRule()).isEqualTo("crm-sync#1");
    assertThat(no.status()).isEqualTo(403);
    assertThat(no.integration()).isEqualTo("crm-sync");
    assertThat(no.bytesOut()).isEqualTo(denied.body().length());

    var anon = byId.get("audit-anon-1").event();
    assertThat(anon.reason()).isEqualTo("auth.missing");
    assertThat(anon.status()).isEqualTo(401);
    assertThat(anon.integration()).isNull();

    assertThat(byId.values().stream().map(e -> e.event().reason()))
        .contains(
            "upstream.timeout",
            "upstream.insecure_transit",
            "route.unknown_app",
            "norm.ambiguous_length",
            "auth.revoked",
            "auth.expired",
            "broker.secret_missing");
    assertThat(store.audit().verify().ok()).isTrue();
    assertThat(gateway.auditDropped()).isZero();
  }

  @Test
  @Order(30)
  void noUpstreamSecretInResponsesAuditRowsOrLogs() throws Exception {
    List<String> secrets =
        List.of(
            UPSTREAM_SECRET,
            UPSTREAM_KEY,
            SAAS_CLIENT_SECRET,
            RecordingUpstream.SAAS_ACCESS_TOKEN,
            Base64.getEncoder().encodeToString(UPSTREAM_SECRET.getBytes(StandardCharsets.UTF_8)));
    assertThat(everythingTheCallerSaw).isNotEmpty();
    String rows = store.audit().recent(null, 10_000).toString();
    StringBuilder logText = new StringBuilder();
    for (ILoggingEvent e : logs.list) {
      logText.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        logText.append(e.getThrowableProxy().getMessage()).append('\n');
      }
    }
    assertThat(logText).contains("gateway listening"); // the capture works
    for (String secret : secrets) {
      for (String seen : everythingTheCallerSaw) {
        assertThat(seen).doesNotContain(secret);
      }
      assertThat(rows).doesNotContain(secret);
      assertThat(logText.toString()).doesNotContain(secret);
    }
    // nor the callers' own credentials
    for (String seen : everythingTheCallerSaw) {
      assertThat(seen).doesNotContain(key).doesNotContain(writerKey);
    }
    assertThat(rows).doesNotContain(key).doesNotContain(writerKey);
    assertThat(logText.toString()).doesNotContain(key).doesNotContain(writerKey);
  }
}
