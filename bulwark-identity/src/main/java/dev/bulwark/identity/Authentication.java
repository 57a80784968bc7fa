package dev.bulwark.identity;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking a presented credential: {@link Authenticated} or {@link Failed} with a
 * stable reason code (all of them map to HTTP 401). A store or crypto failure is never turned into
 * a {@code Failed}: it is thrown, so the caller can answer 503 instead of a misleading 401.
 */
public sealed interface Authentication {

  /** Unknown, malformed or wrongly signed credential. */
  String INVALID = "auth.invalid";

  /** A known credential past its expiry. */
  String EXPIRED = "auth.expired";

  /** A known credential revoked (or superseded by rotation and past its overlap). */
  String REVOKED = "auth.revoked";

  /** An access token that is malformed, wrongly signed, or for another issuer or audience. */
  String TOKEN_INVALID = "auth.token_invalid";

  /** An access token past its {@code exp} plus the allowed clock skew. */
  String TOKEN_EXPIRED = "auth.token_expired";

  /** The reason code that succeeded. */
  String OK = "ok";

  /** Whether the caller is known. */
  boolean ok();

  /** The stable reason code: {@code ok} when authenticated, else the failure's code. */
  String reason();

  /**
   * The caller is the integration {@code integrationId}.
   *
   * @param integrationId the integration (also the OAuth2 client id)
   * @param credentialId the API key or client-secret id; for an access token its {@code jti}
   * @param scopes the scopes granted by an access token; empty for API keys (the gateway takes an
   *     API-key caller's scopes from the integration's configuration)
   */
  record Authenticated(String integrationId, String credentialId, List<String> scopes)
      implements Authentication {
    public Authenticated {
      Objects.requireNonNull(integrationId, "integrationId");
      Objects.requireNonNull(credentialId, "credentialId");
      scopes = List.copyOf(scopes);
    }

    public Authenticated(String integrationId, String credentialId) {
      this(integrationId, credentialId, List.of());
    }

    @Override
    public boolean ok() {
      return true;
    }

    @Override
    public String reason() {
      return OK;
    }
  }

  /**
   * The credential was refused.
   *
   * @param reason one of {@link #INVALID}, {@link #EXPIRED}, {@link #REVOKED}, {@link
   *     #TOKEN_INVALID}, {@link #TOKEN_EXPIRED}
   */
  record Failed(String reason) implements Authentication {
    public static final Failed INVALID_CREDENTIAL = new Failed(INVALID);
    public static final Failed EXPIRED_CREDENTIAL = new Failed(EXPIRED);
    public static final Failed REVOKED_CREDENTIAL = new Failed(REVOKED);
    public static final Failed INVALID_TOKEN = new Failed(TOKEN_INVALID);
    public static final Failed EXPIRED_TOKEN = new Failed(TOKEN_EXPIRED);

    public Failed {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean ok() {
      return false;
    }

    /** Human text for an error body; never contains the presented credential. */
    public String message() {
      return switch (reason) {
        case INVALID -> "the credential is not valid";
        case EXPIRED -> "the credential has expired";
        case REVOKED -> "the credential has been revoked";
        case TOKEN_INVALID -> "the access token is not valid";
        case TOKEN_EXPIRED -> "the access token has expired";
        default -> "authentication failed";
      };
    }
  }
}
