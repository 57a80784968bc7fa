package dev.bulwark.identity;

import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes every call to a real store and counts the lookups, so tests can prove what reaches the
 * store and what the cache answers.
 */
public final class CountingCredentialStore implements CredentialStore {
  private final CredentialStore real;
  private final AtomicInteger lookups = new AtomicInteger();

  public CountingCredentialStore(CredentialStore real) {
    this.real = real;
  }

  /** findByHash, findById and listByIntegration calls so far. */
  public int lookups() {
    return lookups.get();
  }

  @Override
  public void insert(CredentialRecord credential) {
    real.insert(credential);
  }

  @Override
  public Optional<CredentialRecord> findByHash(String secretHash) {
    lookups.incrementAndGet();
    return real.findByHash(secretHash);
  }

  @Override
  public Optional<CredentialRecord> findById(String id) {
    lookups.incrementAndGet();
    return real.findById(id);
  }

  @Override
  public List<CredentialRecord> listByIntegration(String integrationId) {
    lookups.incrementAndGet();
    return real.listByIntegration(integrationId);
  }

  @Override
  public List<CredentialRecord> list() {
    return real.list();
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return real.revoke(id, at);
  }
}
