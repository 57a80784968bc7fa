package dev.bulwark.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Integration credentials, stored by hash. */
public interface CredentialStore {
  void insert(CredentialRecord credential);

  /** The credential whose secret hashes to {@code secretHash}, active or not. */
  Optional<CredentialRecord> findByHash(String secretHash);

  Optional<CredentialRecord> findById(String id);

  /** All credentials of an integration, newest first, including revoked ones. */
  List<CredentialRecord> listByIntegration(String integrationId);

  /** All credentials, newest first. */
  List<CredentialRecord> list();

  /**
   * Sets when the credential stops working (revocation now, or the end of a rotation overlap).
   *
   * @return false when no such credential exists
   */
  boolean revoke(String id, Instant at);
}
