package dev.bulwark.model;

import java.net.URI;
import java.util.Optional;

/**
 * How Bulwark authenticates to the SaaS on an integration's behalf. The secret itself lives in the
 * vault under {@link #secretRef}; the config only names it.
 *
 * @param kind the scheme
 * @param secretRef vault reference of the secret (token, "user:password", API key, or client
 *     secret)
 * @param headerName header for {@link Kind#API_KEY_HEADER}
 * @param tokenUrl SaaS token endpoint for {@link Kind#OAUTH2_CLIENT_CREDENTIALS}
 * @param clientId client id for {@link Kind#OAUTH2_CLIENT_CREDENTIALS}
 * @param scope requested scope for {@link Kind#OAUTH2_CLIENT_CREDENTIALS}, may be null
 */
public record UpstreamAuth(
    Kind kind, String secretRef, String headerName, URI tokenUrl, String clientId, String scope) {

  /** Upstream credential schemes. */
  public enum Kind {
    NONE,
    BEARER,
    BASIC,
    API_KEY_HEADER,
    OAUTH2_CLIENT_CREDENTIALS
  }

  public static final UpstreamAuth NONE = new UpstreamAuth(Kind.NONE, null, null, null, null, null);

  public Optional<String> secret() {
    return Optional.ofNullable(secretRef);
  }
}
