package dev.bulwark.identity.secret;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.Authentication.Failed;
import dev.bulwark.store.CredentialRecord;
import java.time.Instant;

/** Decides what a matched credential is worth at an instant: usable, expired or revoked. */
public final class CredentialStanding {

  private CredentialStanding() {}

  /**
   * The standing of {@code record} at {@code now}; null means no credential matched. When a
   * credential is both revoked and expired, the reason is the one that happened first, so a key
   * that simply ran out is reported as {@code auth.expired}, honestly.
   */
  public static Authentication at(CredentialRecord record, Instant now) {
    if (record == null) {
      return Failed.INVALID_CREDENTIAL;
    }
    Failed failure = failure(record, now);
    return failure != null ? failure : new Authenticated(record.integrationId(), record.id());
  }

  /**
   * Why the known credential {@code record} is refused at {@code now}, or null when it is usable.
   * Allocation-free, for the hot path.
   */
  public static Failed failure(CredentialRecord record, Instant now) {
    Instant revokedAt = record.revokedAt();
    Instant expiresAt = record.expiresAt();
    boolean revoked = revokedAt != null && !now.isBefore(revokedAt);
    boolean expired = expiresAt != null && !now.isBefore(expiresAt);
    if (revoked && (!expired || revokedAt.isBefore(expiresAt))) {
      return Failed.REVOKED_CREDENTIAL;
    }
    return expired ? Failed.EXPIRED_CREDENTIAL : null;
  }
}
