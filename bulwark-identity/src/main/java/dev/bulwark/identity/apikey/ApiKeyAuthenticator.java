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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides whether a presented API key belongs to an integration, and whether it is still usable
 * (not expired, not revoked) at the clock's now.
 *
 * <p>Hot path: a shape check ({@link SecretFormat#wellFormed}), one SHA-256 and one {@link
 * ConcurrentHashMap} lookup. The cache is kept current in bulk: at most once per {@link
 * #POLL_EVERY}, a call starts one {@link CredentialStore#changedSince} query on the store executor
 * (never waiting for it) and the changed credentials replace their cached entries. A cached entry
 * counts as current while either it was read, or the last successful poll began, less than {@link
 * #REFRESH_AFTER} ago; so a revocation made by another process (the CLI, another node) takes effect
 * within about {@link #POLL_EVERY} while polls succeed and within 5 s in any case, because when
 * polls fail or the store cannot answer them each entry falls back to being re-read after 5 s.
 * Expiry and rotation-overlap ends are exact, since they are checked against the clock on every
 * call. Unknown keys are remembered too (at most {@link #MAX_NEGATIVES}, cleared when full, each
 * for 5 s unless a poll brings the key in first), so a flood of random keys neither reaches the
 * store repeatedly nor grows memory.
 *
 * <p>The poll asks for changes from {@link #POLL_OVERLAP} before the wall-clock start of the last
 * successful poll: changes are stamped with the writer's wall clock before they commit, and
 * processes' clocks may differ a little; re-applying a change is harmless. Revocations only ever
 * move earlier, so when a per-key read and a poll race, the answer with the earlier revocation
 * wins.
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

  /** How often, at most, the cache asks the store for the credentials changed since last time. */
  public static final Duration POLL_EVERY = Duration.ofSeconds(1);

  /** How far before the last poll's start the next one asks from (clock skew, slow commits). */
  public static final Duration POLL_OVERLAP = Duration.ofSeconds(2);

  /** The most unknown keys remembered; the negative cache is emptied when it reaches this size. */
  public static final int MAX_NEGATIVES = 10_000;

  // Refresh-ahead: a hit older than this is still answered from memory on the async path, while
  // one background load renews it, so a busy key never waits for the store at the 5 s boundary.
  private static final long REFRESH_AHEAD_MILLIS = REFRESH_AFTER.toMillis() * 4 / 5;
  private static final long REFRESH_AFTER_MILLIS = REFRESH_AFTER.toMillis();
  private static final long POLL_EVERY_MILLIS = POLL_EVERY.toMillis();

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

  // Bulk refresh state. syncedAt: the clock time the last successful poll (or preload) began;
  // every cached entry reflects all changes made before it. pollFrom: the wall time the next poll
  // asks from.
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile boolean pollingSupported = true;
  private volatile long syncedAt;
  private volatile long lastPollStart;
  private volatile Instant pollFrom;

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
    // An empty cache is trivially current: the first poll asks for changes from now on.
    this.syncedAt = clock.millis();
    this.lastPollStart = syncedAt;
    this.pollFrom = Instant.now().minus(POLL_OVERLAP);
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
    pollIfDue(now);
    Entry entry = known.get(hash);
    if (entry != null && fresh(currentAsOf(entry), now, REFRESH_AFTER_MILLIS)) {
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
    pollIfDue(now);
    Entry entry = known.get(hash);
    long asOf = entry == null ? 0 : currentAsOf(entry);
    if (entry != null && fresh(asOf, now, REFRESH_AFTER_MILLIS)) {
      // A running poll renews every entry at once; only without one is this key read ahead.
      if (!fresh(asOf, now, REFRESH_AHEAD_MILLIS) && !polling.get()) {
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
        known.merge(record.secretHash(), Entry.of(record, now), Entry::earlierRevocation);
        unknown.remove(record.secretHash());
        count++;
      }
    }
    return count;
  }

  /** Starts one bulk refresh on the store executor when the last began {@link #POLL_EVERY} ago. */
  private void pollIfDue(long now) {
    if (!pollingSupported || fresh(lastPollStart, now, POLL_EVERY_MILLIS)) {
      return;
    }
    if (!polling.compareAndSet(false, true)) {
      return;
    }
    lastPollStart = now;
    try {
      storeExecutor.execute(
          () -> {
            try {
              poll();
            } finally {
              polling.set(false);
            }
          });
    } catch (RuntimeException rejected) {
      polling.set(false);
    }
  }

  /**
   * Applies the credentials changed since the last successful poll; on failure, changes nothing.
   */
  private void poll() {
    long startedAt = clock.millis();
    Instant wallStart = Instant.now();
    List<CredentialRecord> changes;
    try {
      changes = store.changedSince(pollFrom);
    } catch (UnsupportedOperationException e) {
      // This store cannot tell: entries fall back to being re-read after 5 s each.
      pollingSupported = false;
      syncedAt = Long.MIN_VALUE;
      return;
    } catch (RuntimeException e) {
      // Store trouble: syncedAt ages, so after 5 s entries are re-read per key, and those reads
      // report the failure to callers instead of trusting a stale cache.
      return;
    }
    for (CredentialRecord record : changes) {
      if (record.kind() == CredentialRecord.Kind.API_KEY) {
        known.merge(record.secretHash(), Entry.of(record, startedAt), Entry::earlierRevocation);
        unknown.remove(record.secretHash());
      }
    }
    pollFrom = wallStart.minus(POLL_OVERLAP);
    if (pollingSupported && startedAt - syncedAt > 0) {
      syncedAt = startedAt;
    }
  }

  /** The clock time up to which {@code entry} is known to reflect the store. */
  private long currentAsOf(Entry entry) {
    long synced = syncedAt;
    return pollingSupported && synced - entry.loadedAt > 0 ? synced : entry.loadedAt;
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
      known.merge(hash, Entry.of(record, now), Entry::earlierRevocation);
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

    /**
     * Of two answers for one key, the one with the earlier revocation (revocations only move
     * earlier), else the newer read: a slow per-key read cannot undo a poll's revocation.
     */
    static Entry earlierRevocation(Entry cached, Entry fresh) {
      Instant a = cached.record.revokedAt();
      Instant b = fresh.record.revokedAt();
      if (a != null && (b == null || a.isBefore(b))) {
        return new Entry(
            cached.record,
            Math.max(cached.loadedAt, fresh.loadedAt),
            cached.caller,
            cached.callerStage);
      }
      return fresh;
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
