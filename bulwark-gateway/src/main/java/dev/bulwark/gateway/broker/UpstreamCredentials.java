package dev.bulwark.gateway.broker;

import dev.bulwark.gateway.pipeline.Upstream;
import dev.bulwark.gateway.pipeline.UpstreamCredential;
import dev.bulwark.model.Integration;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.store.SecretVault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the header an integration's upstream credential becomes, and keeps it in memory so the
 * vault is not read per request.
 *
 * <p>{@code bearer}: {@code Authorization: Bearer <secret>}; {@code basic}: the secret is {@code
 * user:password}, sent as {@code Authorization: Basic base64(...)}; {@code api-key-header}: {@code
 * <header>: <secret>}; {@code oauth2-client-credentials}: the secret is the client secret, traded
 * at the SaaS token endpoint (RFC 6749 §4.4, {@code client_secret_basic} per §2.3.1) for an access
 * token sent as a bearer token.
 *
 * <p>Caching: vault-derived headers live {@link #SECRET_TTL} (so a secret changed in the vault
 * takes effect within that); tokens until {@link #TOKEN_MARGIN} before their {@code expires_in}. An
 * entry is also dropped when the integration's {@link UpstreamAuth} object changes, which a config
 * reload does. Concurrent misses for one integration share one load. Vault reads block (JDBC), so
 * they run on a worker thread; token requests use the gateway's own verified-TLS client.
 */
public final class UpstreamCredentials {
  /** How long a decrypted vault secret is used before the vault is read again. */
  public static final Duration SECRET_TTL = Duration.ofSeconds(60);

  /** How long before an upstream access token's expiry a fresh one is fetched. */
  public static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamCredentials.class);
  private static final long DEFAULT_TOKEN_SECONDS = 300;

  private final Vertx vertx;
  private final SecretVault vault;
  private final HttpClient client;
  private final Duration tokenTimeout;
  private final ConcurrentHashMap<String, Lookup> cache = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Future<UpstreamCredential>> loading =
      new ConcurrentHashMap<>();

  /** A cached credential and when it stops being used. */
  public record Lookup(UpstreamCredential credential, UpstreamAuth auth, long usableUntilMillis) {}

  public UpstreamCredentials(
      Vertx vertx, SecretVault vault, HttpClient client, Duration tokenTimeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.vault = Objects.requireNonNull(vault, "vault");
    this.client = Objects.requireNonNull(client, "client");
    this.tokenTimeout = Objects.requireNonNull(tokenTimeout, "tokenTimeout");
  }

  /** The credential held in memory for the integration, or null when it must be loaded. */
  public Lookup cached(Integration integration) {
    Lookup hit = cache.get(integration.id());
    if (hit != null
        && hit.auth == integration.upstream()
        && System.currentTimeMillis() < hit.usableUntilMillis) {
      return hit;
    }
    return null;
  }

  /** Forgets every cached credential (after a config reload or a vault change). */
  public void invalidateAll() {
    cache.clear();
  }

  /**
   * Loads (and caches) the credential; fails with a {@link BrokerException}.
   *
   * @param target the app the integration calls, to decide whether a plain-http token endpoint is
   *     acceptable (only when the app itself allows insecure transit)
   */
  public Future<UpstreamCredential> load(Integration integration, Upstream target) {
    Future<UpstreamCredential> running = loading.get(integration.id());
    if (running != null) {
      return running;
    }
    UpstreamAuth auth = integration.upstream();
    Future<UpstreamCredential> started =
        readSecret(auth)
            .compose(secret -> credential(integration, auth, secret, target))
            .andThen(done -> loading.remove(integration.id()));
    Future<UpstreamCredential> raced = loading.putIfAbsent(integration.id(), started);
    if (raced != null) {
      return raced;
    }
    if (started.isComplete()) {
      // Finished before it was registered: andThen already ran, so unregister it here.
      loading.remove(integration.id(), started);
    }
    return started;
  }

  private Future<byte[]> readSecret(UpstreamAuth auth) {
    if (auth.secretRef() == null) {
      return Future.failedFuture(
          new BrokerException(
              BrokerException.SECRET_MISSING, "the integration names no upstream secret"));
    }
    return vertx.executeBlocking(
        () -> {
          Optional<byte[]> secret;
          try {
            secret = vault.get(auth.secretRef());
          } catch (RuntimeException e) {
            // The vault's message may name the reference but never holds the secret.
            LOG.error("vault read failed for reference '{}'", auth.secretRef(), e);
            throw new BrokerException(
                BrokerException.VAULT_UNAVAILABLE, "the upstream credential could not be read");
          }
          return secret.orElseThrow(
              () ->
                  new BrokerException(
                      BrokerException.SECRET_MISSING, "the upstream secret is not in the vault"));
        },
        false);
  }

  private Future<UpstreamCredential> credential(
      Integration integration, UpstreamAuth auth, byte[] secret, Upstream target) {
    String text = new String(secret, StandardCharsets.UTF_8);
    long secretUntil = System.currentTimeMillis() + SECRET_TTL.toMillis();
    UpstreamCredential credential;
    switch (auth.kind()) {
      case BEARER -> credential = new UpstreamCredential("Authorization", "Bearer " + text);
      case BASIC ->
          credential =
              new UpstreamCredential(
                  "Authorization", "Basic " + Base64.getEncoder().encodeToString(secret));
      case API_KEY_HEADER -> credential = new UpstreamCredential(auth.headerName(), text);
      case OAUTH2_CLIENT_CREDENTIALS -> {
        return fetchToken(auth, text, target)
            .map(
                token -> {
                  remember(integration, auth, token.credential, token.usableUntilMillis);
                  return token.credential;
                });
      }
      default ->
          throw new BrokerException(
              BrokerException.SECRET_MISSING, "unsupported upstream credential kind");
    }
    remember(integration, auth, credential, secretUntil);
    return Future.succeededFuture(credential);
  }

  private void remember(
      Integration integration, UpstreamAuth auth, UpstreamCredential credential, long until) {
    cache.put(integration.id(), new Lookup(credential, auth, until));
  }

  private record Token(UpstreamCredential credential, long usableUntilMillis) {}

  private Future<Token> fetchToken(UpstreamAuth auth, String clientSecret, Upstream target) {
    URI url = auth.tokenUrl();
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    if (!tls && (target == null || !target.app().insecureTransit())) {
      return Future.failedFuture(
          new BrokerException(
              BrokerException.TOKEN_FAILED, "the token endpoint is plain http: refused"));
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (form(auth.clientId()) + ":" + form(clientSecret))
                    .getBytes(StandardCharsets.UTF_8));
    StringBuilder body = new StringBuilder("grant_type=client_credentials");
    if (auth.scope() != null && !auth.scope().isBlank()) {
      body.append("&scope=").append(form(auth.scope()));
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path = path + "?" + url.getRawQuery();
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(url.getHost())
            .setPort(url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80))
            .setSsl(tls)
            .setURI(path)
            .setTimeout(tokenTimeout.toMillis())
            .putHeader("Authorization", "Basic " + basic)
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .putHeader("Accept", "application/json");
    long askedAt = System.currentTimeMillis();
    return client
        .request(options)
        .compose(request -> request.send(Buffer.buffer(body.toString())))
        .compose(UpstreamCredentials::tokenBody)
        .transform(
            done -> {
              if (done.failed()) {
                if (!(done.cause() instanceof BrokerException)) {
                  LOG.warn("upstream token request to {} failed: {}", url.getHost(), done.cause());
                }
                return Future.failedFuture(
                    done.cause() instanceof BrokerException
                        ? done.cause()
                        : new BrokerException(
                            BrokerException.TOKEN_FAILED,
                            "the upstream token endpoint could not be reached"));
              }
              return Future.succeededFuture(token(done.result(), askedAt, url));
            });
  }

  private static Future<Buffer> tokenBody(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      // The body may echo client details: log the status only.
      LOG.warn("upstream token endpoint answered {}", response.statusCode());
      return response
          .end()
          .transform(
              ignored ->
                  Future.failedFuture(
                      new BrokerException(
                          BrokerException.TOKEN_FAILED,
                          "the upstream token endpoint refused the grant")));
    }
    return response.body();
  }

  private static Token token(Buffer body, long askedAt, URI url) {
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new BrokerException(
          BrokerException.TOKEN_FAILED, "the upstream token endpoint sent no JSON object");
    }
    Object token = json.getValue("access_token");
    Object type = json.getValue("token_type");
    if (!(token instanceof String access) || access.isEmpty()) {
      throw new BrokerException(
          BrokerException.TOKEN_FAILED, "the upstream token response has no access_token");
    }
    if (type != null && !"bearer".equals(type.toString().toLowerCase(Locale.ROOT))) {
      throw new BrokerException(
          BrokerException.TOKEN_FAILED, "the upstream token is not a bearer token");
    }
    Object expiresIn = json.getValue("expires_in");
    long seconds =
        expiresIn instanceof Number n ? n.longValue() : parseOr(expiresIn, DEFAULT_TOKEN_SECONDS);
    long lifetimeMillis = Math.max(0, seconds * 1000 - TOKEN_MARGIN.toMillis());
    LOG.debug("upstream token from {} usable for {} ms", url.getHost(), lifetimeMillis);
    return new Token(
        new UpstreamCredential("Authorization", "Bearer " + access), askedAt + lifetimeMillis);
  }

  private static long parseOr(Object value, long fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
