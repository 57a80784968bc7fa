package dev.bulwark.gateway.stage;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is calling, and records it as the exchange's {@link Principal}.
 *
 * <p>Inputs: {@code Authorization: Bearer bwk_...} or {@code X-Api-Key} (an API key, checked by
 * {@link ApiKeyAuthenticator}), or {@code Authorization: Bearer <jwt>} (an access token from our
 * token endpoint, checked by {@link TokenVerifier}). No credential is 401 {@code auth.missing}; an
 * unknown, expired or revoked one is 401 with identity's reason; a credential whose integration is
 * no longer configured, or of a kind the integration does not use, is 401 {@code auth.invalid}. A
 * store failure is 503 {@code auth.unavailable}, never a 401: the caller is not at fault. The
 * pipeline adds {@code WWW-Authenticate} to every 401.
 *
 * <p>An API-key caller's scopes are its integration's; a token caller's are the token's.
 */
public final class Authenticate implements Stage.Async {
  /** Reason code when no credential was presented. */
  public static final String MISSING = "auth.missing";

  /** Reason code when the credential store could not be read. */
  public static final String UNAVAILABLE = "auth.unavailable";

  private static final Logger LOG = LoggerFactory.getLogger(Authenticate.class);
  private static final String BEARER = "Bearer ";
  private static final String API_KEY_PREFIX = "bwk_";
  private static final Future<Verdict> CONTINUED = Future.succeededFuture(Verdict.CONTINUE);
  private static final Future<Verdict> NO_CREDENTIAL =
      Future.succeededFuture(
          Verdict.reject(401, MISSING, "an API key or access token is required"));
  private static final Future<Verdict> NOT_CONFIGURED =
      Future.succeededFuture(
          Verdict.reject(401, Authentication.INVALID, "the credential is not valid"));

  private final ApiKeyAuthenticator apiKeys;
  private final TokenVerifier tokens;
  private final Map<String, Integration> integrations;

  /**
   * @param integrations the configured integrations by id, from the current snapshot
   */
  public Authenticate(
      ApiKeyAuthenticator apiKeys, TokenVerifier tokens, Map<String, Integration> integrations) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.integrations = Objects.requireNonNull(integrations, "integrations");
  }

  @Override
  public String name() {
    return "authenticate";
  }

  @Override
  public Future<Verdict> decide(Exchange exchange) {
    String authorization = exchange.headers().get(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        return Future.succeededFuture(
            Verdict.reject(401, Authentication.INVALID, "only Bearer credentials are accepted"));
      }
      String presented = authorization.substring(BEARER.length()).trim();
      if (presented.startsWith(API_KEY_PREFIX)) {
        return apiKey(exchange, presented);
      }
      return decided(exchange, tokens.verify(presented), CredentialKind.OAUTH2_CLIENT_CREDENTIALS);
    }
    String apiKey = exchange.headers().get("X-Api-Key");
    if (apiKey != null) {
      return apiKey(exchange, apiKey.trim());
    }
    return NO_CREDENTIAL;
  }

  private Future<Verdict> apiKey(Exchange exchange, String presented) {
    CompletionStage<Authentication> pending = apiKeys.authenticateAsync(presented);
    CompletableFuture<Authentication> future = pending.toCompletableFuture();
    if (future.isDone() && !future.isCompletedExceptionally()) {
      // The usual case: answered from the authenticator's memory, no hop needed.
      return decided(exchange, future.join(), CredentialKind.API_KEY);
    }
    Context context = Vertx.currentContext();
    Future<Authentication> async =
        context != null
            ? Future.fromCompletionStage(pending, context)
            : Future.fromCompletionStage(pending);
    return async.transform(
        done -> {
          if (done.failed()) {
            LOG.error("credential store lookup failed", done.cause());
            return Future.succeededFuture(
                Verdict.reject(503, UNAVAILABLE, "the credential store is unavailable"));
          }
          return decided(exchange, done.result(), CredentialKind.API_KEY);
        });
  }

  private Future<Verdict> decided(
      Exchange exchange, Authentication authentication, CredentialKind presentedKind) {
    if (authentication instanceof Authentication.Failed failed) {
      return Future.succeededFuture(Verdict.reject(401, failed.reason(), failed.message()));
    }
    Authentication.Authenticated caller = (Authentication.Authenticated) authentication;
    Integration integration = integrations.get(caller.integrationId());
    if (integration == null || integration.credentialKind() != presentedKind) {
      return NOT_CONFIGURED;
    }
    List<String> scopes =
        presentedKind == CredentialKind.API_KEY ? integration.scopes() : caller.scopes();
    exchange.principal(new Principal(integration, caller.credentialId(), scopes));
    return CONTINUED;
  }
}
