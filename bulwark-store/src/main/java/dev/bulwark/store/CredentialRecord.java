package dev.bulwark.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored integration credential. The secret itself is never stored, only its hash.
 *
 * @param id stable credential id (shown in listings, used to rotate and revoke)
 * @param integrationId the integration it authenticates
 * @param kind {@link Kind#API_KEY} (looked up by the hash of the whole key) or {@link
 *     Kind#CLIENT_SECRET} (looked up by integration id, the OAuth2 client id)
 * @param secretHash hex SHA-256 of the secret (keys are 256-bit random, so no slow hash is needed)
 * @param hint a non-secret fragment for people, for example {@code bwk_ab12…}
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when it was revoked or superseded by rotation (then it works until {@code
 *     expiresAt} only when that is earlier), or null
 */
public record CredentialRecord(
    String id,
    String integrationId,
    Kind kind,
    String secretHash,
    String hint,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt) {

  /** What the secret is used for. */
  public enum Kind {
    API_KEY,
    CLIENT_SECRET
  }

  /** Whether the credential is usable at {@code now}. */
  public boolean activeAt(Instant now) {
    return (revokedAt == null || now.isBefore(revokedAt))
        && (expiresAt == null || now.isBefore(expiresAt));
  }

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }
}
