package dev.bulwark.model;

/** How an integration proves who it is to the gateway. */
public enum CredentialKind {
  /** {@code Authorization: Bearer bwk_...} or {@code X-Api-Key}. */
  API_KEY,
  /** RFC 6749 §4.4 client credentials against Bulwark's own token endpoint, then a JWT. */
  OAUTH2_CLIENT_CREDENTIALS;

  /** The kebab-case name used in perimeter.yaml. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
