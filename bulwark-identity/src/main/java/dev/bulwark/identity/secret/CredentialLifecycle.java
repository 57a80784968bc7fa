package dev.bulwark.identity.secret;

import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Creates, rotates, revokes and lists the credentials of one kind in a {@link CredentialStore}.
 * Decides the expiry of a new secret from the requested ttl (or, on rotation, from the old
 * credential's ttl) and the end of a rotation overlap from the clock.
 */
public final class CredentialLifecycle {

  /** How long a rotated-out secret keeps working when the caller does not say. */
  public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final CredentialStore store;
  private final Clock clock;
  private final CredentialRecord.Kind kind;
  private final SecretFormat format;
  private final String idPrefix;

  public CredentialLifecycle(
      CredentialStore store, Clock clock, CredentialRecord.Kind kind, SecretFormat format) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.format = Objects.requireNonNull(format, "format");
    this.idPrefix = kind == CredentialRecord.Kind.API_KEY ? "ak_" : "cs_";
  }

  /**
   * Issues a new secret for {@code integrationId}.
   *
   * @param ttl how long it works, or null for no expiry
   */
  public IssuedSecret create(String integrationId, Duration ttl) {
    requireIntegrationId(integrationId);
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new IllegalArgumentException("ttl must be positive (or null for no expiry)");
    }
    Instant now = clock.instant();
    return issue(integrationId, now, ttl == null ? null : now.plus(ttl));
  }

  /**
   * Issues a successor of {@code credentialId} with the same ttl policy and lets the old one work
   * until {@code now + overlap} (or its own earlier end).
   *
   * @param overlap how long the old secret keeps working; null means {@link #DEFAULT_OVERLAP}
   * @throws NoSuchElementException when there is no such credential of this kind
   * @throws IllegalStateException when the credential was already revoked: rotation must not bring
   *     back access someone took away
   */
  public IssuedSecret rotate(String credentialId, Duration overlap) {
    Duration grace = overlap == null ? DEFAULT_OVERLAP : overlap;
    if (grace.isNegative()) {
      throw new IllegalArgumentException("overlap must not be negative");
    }
    CredentialRecord old = find(credentialId);
    Instant now = clock.instant();
    if (old.revokedAt() != null && !now.isBefore(old.revokedAt())) {
      throw new IllegalStateException("credential " + credentialId + " is revoked");
    }
    Instant expiresAt =
        old.expiresAt() == null
            ? null
            : now.plus(Duration.between(old.createdAt(), old.expiresAt()));
    IssuedSecret next = issue(old.integrationId(), now, expiresAt);
    Instant end = now.plus(grace);
    if (old.revokedAt() == null || end.isBefore(old.revokedAt())) {
      store.revoke(old.id(), end);
    }
    return next;
  }

  /**
   * Stops the credential now (or keeps an earlier stop already set).
   *
   * @return false when there is no such credential of this kind
   */
  public boolean revoke(String credentialId) {
    CredentialRecord old = store.findById(credentialId).filter(r -> r.kind() == kind).orElse(null);
    if (old == null) {
      return false;
    }
    Instant now = clock.instant();
    if (old.revokedAt() == null || now.isBefore(old.revokedAt())) {
      return store.revoke(credentialId, now);
    }
    return true;
  }

  /** Credentials of this kind, newest first, of one integration or (null) of all. */
  public List<CredentialRecord> list(String integrationIdOrNull) {
    List<CredentialRecord> all =
        integrationIdOrNull == null ? store.list() : store.listByIntegration(integrationIdOrNull);
    return all.stream().filter(r -> r.kind() == kind).toList();
  }

  private CredentialRecord find(String credentialId) {
    return store
        .findById(Objects.requireNonNull(credentialId, "credentialId"))
        .filter(r -> r.kind() == kind)
        .orElseThrow(() -> new NoSuchElementException("no credential " + credentialId));
  }

  private IssuedSecret issue(String integrationId, Instant now, Instant expiresAt) {
    String secret = format.generate();
    String id = newId();
    store.insert(
        new CredentialRecord(
            id,
            integrationId,
            kind,
            SecretFormat.hash(secret),
            SecretFormat.hint(secret),
            now,
            expiresAt,
            null));
    return new IssuedSecret(id, integrationId, secret, expiresAt);
  }

  private String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return idPrefix + HEX.formatHex(bytes);
  }

  private static void requireIntegrationId(String integrationId) {
    if (integrationId == null || integrationId.isBlank()) {
      throw new IllegalArgumentException("integration id is required");
    }
  }
}
