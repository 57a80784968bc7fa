package dev.bulwark.identity.bench;

import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Credentials in memory, for benchmark setup only (tests use the real SQLite store). */
final class MapCredentialStore implements CredentialStore {
  private final Map<String, CredentialRecord> byId = new ConcurrentHashMap<>();

  @Override
  public void insert(CredentialRecord credential) {
    byId.put(credential.id(), credential);
  }

  @Override
  public Optional<CredentialRecord> findByHash(String secretHash) {
    return byId.values().stream().filter(r -> r.secretHash().equals(secretHash)).findFirst();
  }

  @Override
  public Optional<CredentialRecord> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<CredentialRecord> listByIntegration(String integrationId) {
    return list().stream().filter(r -> r.integrationId().equals(integrationId)).toList();
  }

  @Override
  public List<CredentialRecord> list() {
    return byId.values().stream()
        .sorted(Comparator.comparing(CredentialRecord::createdAt).reversed())
        .toList();
  }

  @Override
  public boolean revoke(String id, Instant at) {
    CredentialRecord r = byId.get(id);
    if (r == null) {
      return false;
    }
    byId.put(
        id,
        new CredentialRecord(
            r.id(),
            r.integrationId(),
            r.kind(),
            r.secretHash(),
            r.hint(),
            r.createdAt(),
            r.expiresAt(),
            r.revokedAt() == null || at.isBefore(r.revokedAt()) ? at : r.revokedAt()));
    return true;
  }
}
