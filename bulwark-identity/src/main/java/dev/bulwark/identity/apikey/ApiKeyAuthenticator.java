package dev.bulwark.identity.apikey;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.Authentication.Failed;
import dev.bulwark.identity.secret.CredentialStanding;
import dev.bulwark.identity.secret.SecretFormat;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Decides whether a presented API key belongs to an integration, and whether it is still usable
 * (not expired, not revoked) at the clock's now.
 *
 * <p>Hot path: a shape check ({@link SecretFormat#wellFormed}), one SHA-256 and one {@link
 * ConcurrentHashMap} lookup. The store is read only on a miss or when a cached entry is older than
 * {@link #REFRESH_AFTER}, so a revocation made by another process (the CLI, another node) takes
 * effect within 5 s; expiry and rotation-overlap ends are exact, since they are checked against the
 * clock on every call. Unknown keys are remembered too (at most {@link #MAX_NEGATIVES}, cleared
 * when full), so a flood of random keys neither reaches the store repeatedly nor grows memory.
 *
 * <p>No constant-time comparison is needed: the key is never compared, its SHA-256 is looked up. A
 * timing difference in the map could at most tell an attacker about the hash of a key they chose,
 * which brings them no closer to a preimage of a real key's hash.
 *
 * <p>A store failure is thrown (or completes the stage exceptionally), never turned into a 401.
 */
public final class ApiKeyAuthenticator {

  /** The longest a cached answer (positive or negative) is used before the store is asked again. */
  public static final Duration REFRESH_AFTER = Duration.ofSeconds(5);

  /** The most unknown keys remembered; the negative cache is emptied when it reaches this size. */
  public static final int MAX_NEGATIVES = 10_000;

  // Refresh-ahead: a hit older than this is still answered from memory on the async path, while
  // one background load renews it, so a busy key never waits for the store at the 5 s boundary.
  private static final long REFRESH_AHEAD_MILLIS = REFRESH_AFTER.toMillis() * 4 / 5;
  private static final long REFRESH_AFTER_MILLIS = REFRESH_AFTER.toMillis();

  // Completed stages are immutable (completedStage, not completedFuture), so they can be shared.
  private static final CompletionStage<Authentication> INVALID_STAGE =
      CompletableFuture.completedStage(Failed.INVALID_CREDENTIAL);
  private static final CompletionStage<Authentication> EXPIRED_STAGE =
      CompletableFuture.completedStage(Failed.EXPIRED_CREDENTIAL);
  private static final CompletionStage<Authentication> REVOKED_STAGE =
      CompletableFuture.completedStage(Failed.REVOKED_CREDENTIAL);

  private final CredentialStore store;
  private final Clock clock;
  private final Executor storeExecutor;
  private final ConcurrentHashMap<String, Entry> known = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> unknown = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<CredentialRecord>> loading =
      new ConcurrentHashMap<>();

  /**
   * Store lookups run on the calling thread: for the CLI, tests, or a caller already on a worker.
   */
  public ApiKeyAuthenticator(CredentialStore store, Clock clock) {
    this(store, clock, Runnable::run);
  }

  /**
   * @param storeExecutor where {@link #authenticateAsync} runs store lookups (a worker pool, never
   *     an event loop)
   */
  public ApiKeyAuthenticator(CredentialStore store, Clock clock, Executor storeExecutor) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.storeExecutor = Objects.requireNonNull(storeExecutor, "storeExecutor");
  }

  /**
   * Checks {@code presentedKey}; blocks on the store on a cache miss. Use {@link
   * #authenticateAsync} from an event loop.
   */
  public Authentication authenticate(String presentedKey) {
    if (!SecretFormat.API_KEY.wellFormed(presentedKey)) {
      return Failed.INVALID_CREDENTIAL;
    }
    String hash = SecretFormat.hash(presentedKey);
    long now = clock.millis();
    Entry entry = known.get(hash);
    if (entry != null && fresh(entry.loadedAt, now, REFRESH_AFTER_MILLIS)) {
      return entry.decide(clock.instant());
    }
    if (isKnownUnknown(hash, now)) {
      return Failed.INVALID_CREDENTIAL;
    }
    return decide(load(hash));
  }

  /**
   * Checks {@code presentedKey} without blocking: the stage is already complete when the answer is
   * in memory (the usual case), otherwise the store lookup runs on the store executor, shared by
   * all concurrent callers presenting the same key.
   */
  public CompletionStage<Authentication> authenticateAsync(String presentedKey) {
    if (!SecretFormat.API_KEY.wellFormed(presentedKey)) {
      return INVALID_STAGE;
    }
    String hash = SecretFormat.hash(presentedKey);
    long now = clock.millis();
    Entry entry = known.get(hash);
    if (entry != null && fresh(entry.loadedAt, now, REFRESH_AFTER_MILLIS)) {
      if (!fresh(entry.loadedAt, now, REFRESH_AHEAD_MILLIS)) {
        loadAsync(hash);
      }
      return entry.decideStage(clock.instant());
    }
    if (isKnownUnknown(hash, now)) {
      return INVALID_STAGE;
    }
    return loadAsync(hash).thenApply(this::decide);
  }

  /**
   * Warms the cache with every API key in the store (blocking); call once at start so the first
   * request of each integration is answered from memory.
   *
   * @return how many keys were loaded
   */
  public int preload() {
    long now = clock.millis();
    int count = 0;
    for (CredentialRecord record : store.list()) {
      if (record.kind() == CredentialRecord.Kind.API_KEY) {
        known.put(record.secretHash(), Entry.of(record, now));
        unknown.remove(record.secretHash());
        count++;
      }
    }
    return count;
  }

  /**
   * Forgets everything cached, so the next check of every key reads the store. Call after a
   * revocation in this process to make it immediate rather than within 5 s.
   */
  public void invalidateAll() {
    known.clear();
    unknown.clear();
  }

  /** How many unknown keys are remembered now; for tests of the bound. */
  int unknownCount() {
    return unknown.size();
  }

  private CompletableFuture<CredentialRecord> loadAsync(String hash) {
    CompletableFuture<CredentialRecord> started = new CompletableFuture<>();
    CompletableFuture<CredentialRecord> running = loading.putIfAbsent(hash, started);
    if (running != null) {
      return running;
    }
    try {
      storeExecutor.execute(
          () -> {
            try {
              started.complete(load(hash));
            } catch (RuntimeException | Error e) {
              started.completeExceptionally(e);
            } finally {
              loading.remove(hash, started);
            }
          });
    } catch (RuntimeException rejected) {
      loading.remove(hash, started);
      started.completeExceptionally(rejected);
    }
    return started;
  }

  /** Reads the store and caches the answer; null when no API key has this hash. */
  private CredentialRecord load(String hash) {
    // Stamp the answer with the time the read STARTED: a read that began before a revocation and
    // finished after it must not count as fresh for another full refresh period.
    long now = clock.millis();
    CredentialRecord record =
        store.findByHash(hash).filter(r -> r.kind() == CredentialRecord.Kind.API_KEY).orElse(null);
    if (record != null) {
      known.put(hash, Entry.of(record, now));
      unknown.remove(hash);
    } else {
      known.remove(hash);
      if (unknown.size() >= MAX_NEGATIVES) {
        // Clearing is O(1) amortised and keeps the bound hard under a flood of random keys.
        unknown.clear();
      }
      unknown.put(hash, now);
    }
    return record;
  }

  private boolean isKnownUnknown(String hash, long now) {
    Long since = unknown.get(hash);
    return since != null && fresh(since, now, REFRESH_AFTER_MILLIS);
  }

  private Authentication decide(CredentialRecord record) {
    return CredentialStanding.at(record, clock.instant());
  }

  private static boolean fresh(long loadedAt, long now, long maxAge) {
    long age = now - loadedAt;
    return age >= 0 && age < maxAge;
  }

  /**
   * A cached credential with its success answer built once, so a hit allocates nothing beyond the
   * hash: the hot path stays allocation-light on the event loop.
   */
  private record Entry(
      CredentialRecord record,
      long loadedAt,
      Authentication caller,
      CompletionStage<Authentication> callerStage) {

    static Entry of(CredentialRecord record, long loadedAt) {
      Authentication caller = new Authenticated(record.integrationId(), record.id());
      return new Entry(record, loadedAt, caller, CompletableFuture.completedStage(caller));
    }

    Authentication decide(Instant now) {
      Failed failure = CredentialStanding.failure(record, now);
      return failure == null ? caller : failure;
    }

    CompletionStage<Authentication> decideStage(Instant now) {
      Failed failure = CredentialStanding.failure(record, now);
      if (failure == null) {
        return callerStage;
      }
      return failure == Failed.REVOKED_CREDENTIAL ? REVOKED_STAGE : EXPIRED_STAGE;
    }
  }
}
