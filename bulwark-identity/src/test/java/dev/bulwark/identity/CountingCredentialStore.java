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
  private final boolean tracksChanges;
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();

  public CountingCredentialStore(CredentialStore real) {
    this(real, true);
  }

  /**
   * @param tracksChanges false to answer {@link #changedSince} like a store that cannot (the
   *     interface's default), so callers fall back to per-key reads
   */
  public CountingCredentialStore(CredentialStore real, boolean tracksChanges) {
    this.real = real;
    this.tracksChanges = tracksChanges;
  }

  /** changedSince calls so far (answered or not). */
  public int polls() {
    return polls.get();
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
  public List<CredentialRecord> changedSince(Instant since) {
    polls.incrementAndGet();
    if (!tracksChanges) {
      return CredentialStore.super.changedSince(since);
    }
    return real.changedSince(since);
  }

  @Override
  public boolean revoke(String id, Instant at) {
    return real.revoke(id, at);
  }
}
