package dev.bulwark.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.CountingCredentialStore;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.identity.secret.SecretFormat;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.CredentialStore;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyAuthenticatorTest {
  private static final Authentication INVALID = new Authentication.Failed("auth.invalid");

  @TempDir Path dir;
  private Store store;
  private CountingCredentialStore counting;
  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private ApiKeys keys;
  private ApiKeyAuthenticator auth;

  @BeforeEach
  void open() {
    store = TestStores.sqlite(dir);
    counting = new CountingCredentialStore(store.credentials());
    keys = new ApiKeys(store.credentials(), clock);
    auth = new ApiKeyAuthenticator(counting, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "bwk_",
        "Bearer bwk_x",
        "bwk_../../etc/passwd",
        "bwk_' OR 1=1 --",
        "bwk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // right length, bad checksum
        "bwcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "sk_live_51H8abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
      })
  void malformedKeysAreRefusedWithoutAnyLookup(String presented) {
    assertThat(auth.authenticate(presented)).isEqualTo(INVALID);
    assertThat(auth.authenticateAsync(presented).toCompletableFuture().getNow(null))
        .isEqualTo(INVALID);
    assertThat(counting.lookups()).isZero();
  }

  @Test
  void nullKeyIsInvalid() {
    assertThat(auth.authenticate(null)).isEqualTo(INVALID);
    assertThat(counting.lookups()).isZero();
  }

  @Test
  void aKeyWithOneCharacterChangedIsInvalid() {
    IssuedSecret issued = keys.create("job", null);
    String s = issued.secret();
    String flipped = s.substring(0, 20) + (s.charAt(20) == 'a' ? 'b' : 'a') + s.substring(21);
    assertThat(auth.authenticate(flipped)).isEqualTo(INVALID);
    assertThat(counting.lookups()).isZero();
  }

  @Test
  void hitsAreAnsweredFromMemoryWhileOnePollPerSecondKeepsTheCacheCurrent() {
    IssuedSecret issued = keys.create("job", null);
    for (int i = 0; i < 100; i++) {
      assertThat(auth.authenticate(issued.secret()).ok()).isTrue();
    }
    assertThat(counting.lookups()).isEqualTo(1);
    for (int second = 1; second <= 60; second++) {
      clock.advance(Duration.ofSeconds(1));
      for (int i = 0; i < 10; i++) {
        assertThat(auth.authenticate(issued.secret()).ok()).isTrue();
      }
    }
    assertThat(counting.lookups()).as("no per-key re-read in a minute").isEqualTo(1);
    assertThat(counting.polls()).as("one bulk query per second, not per call").isEqualTo(60);
  }

  @Test
  void withoutChangeTrackingEachKeyIsReadAgainAfterFiveSeconds() {
    CountingCredentialStore untracked = new CountingCredentialStore(store.credentials(), false);
    ApiKeyAuthenticator perKey = new ApiKeyAuthenticator(untracked, clock);
    IssuedSecret issued = keys.create("job", null);
    assertThat(perKey.authenticate(issued.secret()).ok()).isTrue();
    assertThat(untracked.lookups()).isEqualTo(1);
    clock.advance(Duration.ofMillis(4999));
    perKey.authenticate(issued.secret());
    assertThat(untracked.lookups()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    perKey.authenticate(issued.secret());
    assertThat(untracked.lookups()).isEqualTo(2);
    assertThat(untracked.polls()).as("asked once, then never again").isEqualTo(1);

    new ApiKeys(store.credentials(), clock).revoke(issued.credentialId());
    clock.advance(Duration.ofSeconds(5));
    assertThat(perKey.authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
  }

  @Test
  void revocationByAnotherProcessTakesEffectAtTheNextPoll() {
    IssuedSecret issued = keys.create("job", null);
    assertThat(auth.authenticate(issued.secret()).ok()).isTrue();

    // Another process (the CLI) revokes through its own objects over the same database.
    new ApiKeys(store.credentials(), clock).revoke(issued.credentialId());

    assertThat(auth.authenticate(issued.secret()).ok()).as("no poll due yet").isTrue();
    clock.advance(ApiKeyAuthenticator.POLL_EVERY);
    assertThat(auth.authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
    assertThat(counting.lookups()).as("the poll brought it, not a per-key read").isEqualTo(1);
  }

  @Test
  void aPollBringsInAKeyIssuedElsewhereThatWasRememberedAsUnknown() {
    String secret = SecretFormat.API_KEY.generate();
    assertThat(auth.authenticate(secret)).isEqualTo(INVALID);
    try (Store other = otherProcess()) {
      other
          .credentials()
          .insert(
              new CredentialRecord(
                  "cred-late",
                  "job",
                  CredentialRecord.Kind.API_KEY,
                  SecretFormat.hash(secret),
                  "bwk_…",
                  clock.instant(),
                  null,
                  null));
    }
    clock.advance(ApiKeyAuthenticator.POLL_EVERY); // well before the negative answer's 5 s
    assertThat(auth.authenticate(secret)).isEqualTo(new Authenticated("job", "cred-late"));
    assertThat(counting.lookups()).as("only the first, negative, read").isEqualTo(1);
  }

  @Test
  void aKeyRevokedThroughASecondStoreHandleIsRefusedWithinFiveSecondsOnTheRealClock()
      throws Exception {
    ExecutorService workers = Executors.newSingleThreadExecutor();
    try (Store other = otherProcess()) {
      Clock real = Clock.systemUTC();
      CountingCredentialStore watched = new CountingCredentialStore(store.credentials());
      ApiKeyAuthenticator gateway = new ApiKeyAuthenticator(watched, real, workers);
      IssuedSecret issued = new ApiKeys(store.credentials(), real).create("job", null);
      assertThat(gateway.authenticateAsync(issued.secret()).toCompletableFuture().get().ok())
          .isTrue();

      // Traffic for 1.5 s: answered from memory, kept current by polls, no per-key reads.
      long until = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < until) {
        assertThat(gateway.authenticateAsync(issued.secret()).toCompletableFuture().get().ok())
            .isTrue();
        Thread.sleep(5);
      }
      assertThat(watched.lookups()).isEqualTo(1);
      assertThat(watched.polls()).isBetween(1, 3);

      // A second process (its own store handle on the same file) revokes the key.
      assertThat(new ApiKeys(other.credentials(), real).revoke(issued.credentialId())).isTrue();
      long revokedAt = System.nanoTime();
      Authentication answer;
      do {
        Thread.sleep(5);
        answer = gateway.authenticateAsync(issued.secret()).toCompletableFuture().get();
      } while (answer.ok() && System.nanoTime() - revokedAt < 10_000_000_000L);
      long tookMillis = (System.nanoTime() - revokedAt) / 1_000_000;
      assertThat(answer).isEqualTo(new Authentication.Failed("auth.revoked"));
      assertThat(tookMillis).isLessThan(5_000);
      assertThat(watched.lookups()).as("still no per-key read").isEqualTo(1);
    } finally {
      workers.shutdownNow();
    }
  }

  /** Another process's view of the same database: its own pool and connections. */
  private Store otherProcess() {
    return Stores.open(StoreOptions.sqlite(dir.resolve("bulwark.db"), KeyEncryptionKey.generate()));
  }

  @Test
  void invalidateAllMakesALocalRevocationImmediate() {
    IssuedSecret issued = keys.create("job", null);
    assertThat(auth.authenticate(issued.secret()).ok()).isTrue();
    keys.revoke(issued.credentialId());
    auth.invalidateAll();
    assertThat(auth.authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
  }

  @Test
  void expiryIsExactEvenForACachedKey() {
    IssuedSecret issued = keys.create("job", Duration.ofSeconds(3));
    assertThat(auth.authenticate(issued.secret()).ok()).isTrue();
    clock.advance(Duration.ofSeconds(3));
    assertThat(auth.authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.expired"));
    assertThat(counting.lookups()).isEqualTo(1);
  }

  @Test
  void unknownKeysAreRememberedBrieflyThenAskedAgain() {
    String unknown = SecretFormat.API_KEY.generate();
    assertThat(auth.authenticate(unknown)).isEqualTo(INVALID);
    assertThat(auth.authenticate(unknown)).isEqualTo(INVALID);
    assertThat(counting.lookups()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(auth.authenticate(unknown)).isEqualTo(INVALID);
    assertThat(counting.lookups()).isEqualTo(2);
  }

  @Test
  void aFloodOfRandomKeysCannotGrowTheNegativeCachePastItsBound() {
    CredentialStore empty = new EmptyStore();
    ApiKeyAuthenticator flooded = new ApiKeyAuthenticator(empty, clock);
    for (int i = 0; i < ApiKeyAuthenticator.MAX_NEGATIVES * 2 + 17; i++) {
      assertThat(flooded.authenticate(SecretFormat.API_KEY.generate())).isEqualTo(INVALID);
      assertThat(flooded.unknownCount()).isLessThanOrEqualTo(ApiKeyAuthenticator.MAX_NEGATIVES);
    }
  }

  @Test
  void preloadWarmsTheCacheSoNoLookupIsNeeded() {
    IssuedSecret a = keys.create("a", null);
    IssuedSecret b = keys.create("b", null);
    assertThat(auth.preload()).isEqualTo(2);
    assertThat(auth.authenticate(a.secret())).isEqualTo(new Authenticated("a", a.credentialId()));
    assertThat(auth.authenticate(b.secret())).isEqualTo(new Authenticated("b", b.credentialId()));
    assertThat(counting.lookups()).isZero();
  }

  @Test
  void asyncHitCompletesAtOnceAndMissRunsOnTheStoreExecutor() throws Exception {
    IssuedSecret issued = keys.create("job", null);
    ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
    Executor worker = queued::add;
    ApiKeyAuthenticator async = new ApiKeyAuthenticator(counting, clock, worker);

    CompletableFuture<Authentication> miss =
        async.authenticateAsync(issued.secret()).toCompletableFuture();
    CompletableFuture<Authentication> sameMiss =
        async.authenticateAsync(issued.secret()).toCompletableFuture();
    assertThat(miss).isNotDone();
    assertThat(counting.lookups()).as("nothing ran on the caller's thread").isZero();
    assertThat(queued).as("one load shared by both callers").hasSize(1);

    queued.poll().run();
    assertThat(miss.get(1, TimeUnit.SECONDS).ok()).isTrue();
    assertThat(sameMiss.get(1, TimeUnit.SECONDS).ok()).isTrue();

    CompletableFuture<Authentication> hit =
        async.authenticateAsync(issued.secret()).toCompletableFuture();
    assertThat(hit).isDone();
    assertThat(hit.get()).isEqualTo(new Authenticated("job", issued.credentialId()));
    assertThat(queued).isEmpty();
  }

  @Test
  void asyncRefreshesAheadWithoutMakingTheCallerWait() throws Exception {
    IssuedSecret issued = keys.create("job", null);
    ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
    ApiKeyAuthenticator async = new ApiKeyAuthenticator(counting, clock, queued::add);
    async.preload();

    clock.advance(Duration.ofMillis(4500));
    CompletableFuture<Authentication> hit =
        async.authenticateAsync(issued.secret()).toCompletableFuture();
    assertThat(hit).isDone();
    assertThat(queued).as("a background refresh was started").hasSize(1);
    keys.revoke(issued.credentialId());
    queued.poll().run();
    assertThat(async.authenticateAsync(issued.secret()).toCompletableFuture().get())
        .isEqualTo(new Authentication.Failed("auth.revoked"));
  }

  @Test
  void aStoreFailureIsThrownNotTurnedIntoA401() {
    ApiKeyAuthenticator broken = new ApiKeyAuthenticator(new FailingStore(), clock);
    String key = SecretFormat.API_KEY.generate();
    assertThatThrownBy(() -> broken.authenticate(key)).isInstanceOf(IllegalStateException.class);
    assertThat(broken.authenticateAsync(key).toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void concurrentCallersSeeConsistentAnswersAcrossARevocation() throws Exception {
    IssuedSecret good = keys.create("job", null);
    IssuedSecret doomed = keys.create("job", null);
    ApiKeyAuthenticator shared = new ApiKeyAuthenticator(store.credentials(), clock);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2000; i++) {
                    assertThat(shared.authenticate(good.secret()))
                        .isEqualTo(new Authenticated("job", good.credentialId()));
                    assertThat(shared.authenticate(doomed.secret()).reason())
                        .isIn("ok", "auth.revoked");
                  }
                  return null;
                }));
      }
      keys.revoke(doomed.credentialId());
      clock.advance(Duration.ofSeconds(5));
      for (java.util.concurrent.Future<?> run : runs) {
        run.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(shared.authenticate(doomed.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
  }

  /** A store with nothing in it, in memory: the flood test needs 20k lookups in milliseconds. */
  private static class EmptyStore implements CredentialStore {
    @Override
    public void insert(CredentialRecord credential) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CredentialRecord> findByHash(String secretHash) {
      return Optional.empty();
    }

    @Override
    public Optional<CredentialRecord> findById(String id) {
      return Optional.empty();
    }

    @Override
    public List<CredentialRecord> listByIntegration(String integrationId) {
      return List.of();
    }

    @Override
    public List<CredentialRecord> list() {
      return List.of();
    }

    @Override
    public boolean revoke(String id, Instant at) {
      return false;
    }
  }

  /** A store whose database is down. */
  private static final class FailingStore extends EmptyStore {
    @Override
    public Optional<CredentialRecord> findByHash(String secretHash) {
      throw new IllegalStateException("database unreachable");
    }
  }
}
