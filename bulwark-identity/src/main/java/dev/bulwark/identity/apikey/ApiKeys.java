package dev.bulwark.identity.apikey;

import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.secret.CredentialLifecycle;
import dev.bulwark.identity.secret.SecretFormat;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Issues, rotates, revokes and lists integration API keys ({@code bwk_...}). A key is shown once in
 * the returned {@link IssuedSecret}; the store keeps its SHA-256 and an 8-character hint. Blocking
 * (store I/O): call from the CLI, the admin API or a worker, not from an event loop.
 */
public final class ApiKeys {

  private final CredentialLifecycle lifecycle;

  public ApiKeys(CredentialStore store, Clock clock) {
    this.lifecycle =
        new CredentialLifecycle(store, clock, CredentialRecord.Kind.API_KEY, SecretFormat.API_KEY);
  }

  /**
   * A new key for {@code integrationId}.
   *
   * @param ttl how long it works, or null for no expiry
   */
  public IssuedSecret create(String integrationId, Duration ttl) {
    return lifecycle.create(integrationId, ttl);
  }

  /**
   * A successor key with the same ttl policy; the old key keeps working until now + {@code
   * overlap}, then dies.
   *
   * @param overlap null means 24 h
   * @throws NoSuchElementException no such API key
   * @throws IllegalStateException the key is already revoked
   */
  public IssuedSecret rotate(String credentialId, Duration overlap) {
    return lifecycle.rotate(credentialId, overlap);
  }

  /** Rotation with the default 24 h overlap. */
  public IssuedSecret rotate(String credentialId) {
    return lifecycle.rotate(credentialId, null);
  }

  /**
   * Stops the key now.
   *
   * @return false when there is no such API key
   */
  public boolean revoke(String credentialId) {
    return lifecycle.revoke(credentialId);
  }

  /** API keys of one integration, or of all when null, newest first, revoked ones included. */
  public List<CredentialRecord> list(String integrationIdOrNull) {
    return lifecycle.list(integrationIdOrNull);
  }
}
