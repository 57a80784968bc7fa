package dev.bulwark.identity.oauth;

import java.time.Instant;
import java.util.List;

/**
 * An issued access token (an ES256-signed RFC 9068 JWT). {@link #toString()} leaves the token out,
 * since it is a bearer credential.
 *
 * @param token the compact JWS
 * @param expiresAt its {@code exp}
 * @param scopes the scopes granted
 */
public record AccessToken(String token, Instant expiresAt, List<String> scopes) {
  public AccessToken {
    scopes = List.copyOf(scopes);
  }

  @Override
  public String toString() {
    return "AccessToken[token=<redacted>, expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
  }
}
