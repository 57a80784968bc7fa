package dev.bulwark.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenEndpointTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String GRANT = "grant_type=client_credentials";

  @TempDir Path dir;
  private Store store;
  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private final Map<String, Integration> config = new ConcurrentHashMap<>();
  private ClientSecrets secrets;
  private SigningKeys keys;
  private TokenEndpoint endpoint;
  private TokenVerifier verifier;
  private IssuedSecret etlSecret;

  private static Integration integration(String id, CredentialKind kind, List<String> scopes) {
    return new Integration(
        id,
        "team@acme.example",
        "a job",
        "salesforce",
        kind,
        List.of(),
        null,
        List.of(),
        scopes,
        UpstreamAuth.NONE);
  }

  @BeforeEach
  void open() {
    store = TestStores.sqlite(dir);
    secrets = new ClientSecrets(store.credentials(), clock);
    keys = SigningKeys.loadOrCreate(store.vault());
    TokenIssuer issuer = new TokenIssuer(keys, clock, "https://bulwark.test");
    verifier = new TokenVerifier(keys, clock, "https://bulwark.test");
    endpoint = new TokenEndpoint(secrets, issuer, id -> Optional.ofNullable(config.get(id)));
    config.put(
        "etl",
        integration(
            "etl",
            CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
            List.of("contacts.read", "deals.read")));
    config.put("keyed", integration("keyed", CredentialKind.API_KEY, List.of("contacts.read")));
    etlSecret = secrets.create("etl", null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> json(TokenResponse response) throws Exception {
    return JSONObjectUtils.parse(response.jsonBody());
  }

  private static void assertError(TokenResponse response, int status, String error)
      throws Exception {
    assertThat(response.status()).isEqualTo(status);
    assertThat(json(response)).containsEntry("error", error).doesNotContainKey("access_token");
    assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    if (status == 401) {
      assertThat(response.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"bulwark\"");
    }
  }

  @Test
  void clientCredentialsGrantIssuesAVerifiableToken() throws Exception {
    TokenResponse response = endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Type", "application/json;charset=UTF-8");
    Map<String, Object> body = json(response);
    assertThat(body)
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "contacts.read deals.read");
    assertThat(((Number) body.get("expires_in")).longValue()).isEqualTo(300);
    String token = (String) body.get("access_token");
    assertThat(verifier.verify(token))
        .isInstanceOfSatisfying(
            Authenticated.class,
            caller -> {
              assertThat(caller.integrationId()).isEqualTo("etl");
              assertThat(caller.scopes()).containsExactly("contacts.read", "deals.read");
            });
    assertThat(response.toString()).doesNotContain(token);
  }

  @Test
  void aRequestedSubsetOfScopesIsGranted() throws Exception {
    TokenResponse response =
        endpoint.handle(
            basic("etl", etlSecret.secret()),
            "application/x-www-form-urlencoded; charset=UTF-8",
            GRANT + "&scope=deals.read");
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response)).containsEntry("scope", "deals.read");
    Authenticated caller =
        (Authenticated) verifier.verify((String) json(response).get("access_token"));
    assertThat(caller.scopes()).containsExactly("deals.read");
  }

  @Test
  void scopeBeyondTheIntegrationsIsInvalidScope() throws Exception {
    assertError(
        endpoint.handle(
            basic("etl", etlSecret.secret()), FORM, GRANT + "&scope=contacts.read+contacts.write"),
        400,
        "invalid_scope");
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT + "&scope="),
        400,
        "invalid_scope");
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT + "&scope=a%22b"),
        400,
        "invalid_scope");
  }

  @Test
  void missingOrWrongClientAuthenticationIsInvalidClient() throws Exception {
    IssuedSecret other = secrets.create("other", null);
    assertError(endpoint.handle(null, FORM, GRANT), 401, "invalid_client");
    assertError(endpoint.handle("Bearer abc", FORM, GRANT), 401, "invalid_client");
    assertError(endpoint.handle("Basic !!!notbase64", FORM, GRANT), 401, "invalid_client");
    assertError(endpoint.handle(basic("etl", "bwcs_wrong"), FORM, GRANT), 401, "invalid_client");
    assertError(endpoint.handle(basic("etl", other.secret()), FORM, GRANT), 401, "invalid_client");
    assertError(
        endpoint.handle(basic("nobody", etlSecret.secret()), FORM, GRANT), 401, "invalid_client");
    String noColon =
        "Basic " + Base64.getEncoder().encodeToString("etl".getBytes(StandardCharsets.UTF_8));
    assertError(endpoint.handle(noColon, FORM, GRANT), 401, "invalid_client");
  }

  @Test
  void aRevokedSecretIsInvalidClient() throws Exception {
    secrets.revoke(etlSecret.credentialId());
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT), 401, "invalid_client");
  }

  @Test
  void anApiKeyIntegrationOrOneDroppedFromTheConfigIsInvalidClient() throws Exception {
    IssuedSecret keyed = secrets.create("keyed", null);
    assertError(
        endpoint.handle(basic("keyed", keyed.secret()), FORM, GRANT), 401, "invalid_client");

    assertThat(endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT).status())
        .isEqualTo(200);
    config.remove("etl"); // the config reloaded without it
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, GRANT), 401, "invalid_client");
  }

  @Test
  void otherGrantTypesAreUnsupported() throws Exception {
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, "grant_type=password&username=a"),
        400,
        "unsupported_grant_type");
    assertError(
        endpoint.handle(basic("etl", etlSecret.secret()), FORM, "scope=deals.read"),
        400,
        "invalid_request");
  }

  @Test
  void malformedRequestsAreInvalidRequest() throws Exception {
    String auth = basic("etl", etlSecret.secret());
    assertError(endpoint.handle(auth, "application/json", "{}"), 400, "invalid_request");
    assertError(endpoint.handle(auth, null, GRANT), 400, "invalid_request");
    assertError(endpoint.handle(auth, FORM, GRANT + "&" + GRANT), 400, "invalid_request");
    assertError(endpoint.handle(auth, FORM, GRANT + "&scope=%zz"), 400, "invalid_request");
    assertError(
        endpoint.handle(auth, FORM, GRANT + "&client_secret=" + etlSecret.secret()),
        400,
        "invalid_request");
    assertError(endpoint.handle(auth, FORM, GRANT + "&client_id=other"), 400, "invalid_request");
    assertError(
        endpoint.handle(auth, FORM, GRANT + "&x=" + "a".repeat(5000)), 400, "invalid_request");
  }

  @Test
  void noResponseEverEchoesTheSecret() {
    String auth = basic("etl", etlSecret.secret());
    for (TokenResponse response :
        List.of(
            endpoint.handle(auth, FORM, GRANT),
            endpoint.handle(auth, FORM, "grant_type=password"),
            endpoint.handle(basic("nobody", etlSecret.secret()), FORM, GRANT),
            endpoint.handle(auth, FORM, GRANT + "&client_secret=" + etlSecret.secret()))) {
      assertThat(response.jsonBody()).doesNotContain(etlSecret.secret());
      assertThat(response.headers().values()).noneMatch(v -> v.contains(etlSecret.secret()));
    }
  }

  @Test
  void anIntegrationWithoutScopesGetsATokenWithoutAScopeMember() throws Exception {
    config.put("bare", integration("bare", CredentialKind.OAUTH2_CLIENT_CREDENTIALS, List.of()));
    IssuedSecret bare = secrets.create("bare", null);
    TokenResponse response = endpoint.handle(basic("bare", bare.secret()), FORM, GRANT);
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response)).doesNotContainKey("scope").containsKey("access_token");
    assertError(
        endpoint.handle(basic("bare", bare.secret()), FORM, GRANT + "&scope=x"),
        400,
        "invalid_scope");
  }

  @Test
  void urlEncodedCredentialsAreDecoded() throws Exception {
    config.put(
        "a b:c", integration("a b:c", CredentialKind.OAUTH2_CLIENT_CREDENTIALS, List.of("x")));
    IssuedSecret odd = secrets.create("a b:c", null);
    TokenResponse response = endpoint.handle(basic("a b:c", odd.secret()), FORM, GRANT);
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response)).containsEntry("scope", "x");
  }
}
