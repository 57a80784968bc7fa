package dev.bulwark.gateway;

import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.oauth.SigningKeys;
import dev.bulwark.identity.oauth.TokenEndpoint;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.store.AuditLog;
import dev.bulwark.store.SecretVault;
import java.util.Objects;

/**
 * What the gateway needs from identity and the store, wired by the server.
 *
 * @param apiKeys checks API keys (cached; store lookups off the event loop)
 * @param tokens verifies Bulwark-issued access tokens
 * @param tokenEndpoint answers {@code POST /oauth2/token} (blocking: run on a worker)
 * @param signingKeys publishes {@code /.well-known/jwks.json}
 * @param vault upstream secrets
 * @param audit where audit events are appended
 */
public record GatewayServices(
    ApiKeyAuthenticator apiKeys,
    TokenVerifier tokens,
    TokenEndpoint tokenEndpoint,
    SigningKeys signingKeys,
    SecretVault vault,
    AuditLog audit) {
  public GatewayServices {
    Objects.requireNonNull(apiKeys, "apiKeys");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(signingKeys, "signingKeys");
    Objects.requireNonNull(vault, "vault");
    Objects.requireNonNull(audit, "audit");
  }
}
