package dev.bulwark.identity.oauth;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Failed;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.secret.CredentialLifecycle;
import dev.bulwark.identity.secret.CredentialStanding;
import dev.bulwark.identity.secret.SecretFormat;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * OAuth2 client secrets ({@code bwcs_...}) of integrations, whose client id is the integration id:
 * issue, rotate with overlap, revoke, list, and check a presented pair. Blocking (store I/O): the
 * token endpoint runs on a worker.
 */
public final class ClientSecrets {

  private final CredentialStore store;
  private final Clock clock;
  private final CredentialLifecycle lifecycle;

  public ClientSecrets(CredentialStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifecycle =
        new CredentialLifecycle(
            store, clock, CredentialRecord.Kind.CLIENT_SECRET, SecretFormat.CLIENT_SECRET);
  }

  /**
   * A new client secret for {@code integrationId}.
   *
   * @param ttl how long it works, or null for no expiry
   */
  public IssuedSecret create(String integrationId, Duration ttl) {
    return lifecycle.create(integrationId, ttl);
  }

  /**
   * A successor secret with the same ttl policy; the old one works until now + {@code overlap}.
   *
   * @param overlap null means 24 h
   * @throws NoSuchElementException no such client secret
   * @throws IllegalStateException the secret is already revoked
   */
  public IssuedSecret rotate(String credentialId, Duration overlap) {
    return lifecycle.rotate(credentialId, overlap);
  }

  /** Rotation with the default 24 h overlap. */
  public IssuedSecret rotate(String credentialId) {
    return lifecycle.rotate(credentialId, null);
  }

  /**
   * Stops the secret now.
   *
   * @return false when there is no such client secret
   */
  public boolean revoke(String credentialId) {
    return lifecycle.revoke(credentialId);
  }

  /** Client secrets of one integration, or of all when null, newest first. */
  public List<CredentialRecord> list(String integrationIdOrNull) {
    return lifecycle.list(integrationIdOrNull);
  }

  /**
   * Whether {@code secret} is a usable client secret of client {@code clientId}. Unknown clients
   * and wrong secrets are both {@code auth.invalid}, so the answer does not reveal which clients
   * exist. Hashes are compared with {@link MessageDigest#isEqual} (constant time), each stored
   * secret of the client in turn.
   */
  public Authentication authenticate(String clientId, String secret) {
    if (clientId == null || clientId.isEmpty() || !SecretFormat.CLIENT_SECRET.wellFormed(secret)) {
      return Failed.INVALID_CREDENTIAL;
    }
    byte[] presented = SecretFormat.hash(secret).getBytes(StandardCharsets.US_ASCII);
    CredentialRecord match = null;
    for (CredentialRecord record : store.listByIntegration(clientId)) {
      if (record.kind() == CredentialRecord.Kind.CLIENT_SECRET
          && MessageDigest.isEqual(
              presented, record.secretHash().getBytes(StandardCharsets.US_ASCII))) {
        match = record;
      }
    }
    return CredentialStanding.at(match, clock.instant());
  }
}
