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

  /**
   * The credentials inserted or revoked at or after {@code since}, by the wall clock of the process
   * that made the change, oldest change first. Pollers should ask from a little before their last
   * poll began (clock skew between processes, commits landing after their stamp): re-reading a
   * change is harmless.
   *
   * @throws UnsupportedOperationException when this store cannot tell (the default), so callers
   *     fall back to reading each credential again
   */
  default List<CredentialRecord> changedSince(Instant since) {
    throw new UnsupportedOperationException("this credential store does not track changes");
  }
}
