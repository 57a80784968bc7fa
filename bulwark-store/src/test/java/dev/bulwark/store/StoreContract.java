package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Decision;
import dev.bulwark.model.FlowFinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every store must do, run unchanged against each engine. Tampering goes through plain JDBC on
 * the same database, as an attacker with database access would.
 */
abstract class StoreContract {
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00.123456Z");

  @TempDir Path dir;
  protected KeyEncryptionKey kek;
  protected Store store;

  /** Options that reach the same database on every call within one test. */
  protected abstract StoreOptions options(KeyEncryptionKey kek);

  /** A plain JDBC connection to that database. */
  protected abstract Connection jdbc() throws SQLException;

  /** Leaves the database empty (or gone) for the next test. */
  protected abstract void dropDatabase() throws Exception;

  @BeforeEach
  void open() {
    kek = KeyEncryptionKey.generate();
    store = Stores.open(options(kek));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    dropDatabase();
  }

  private void reopen(KeyEncryptionKey key) {
    store.close();
    store = Stores.open(options(key));
  }

  private int execute(String sql, Object... args) throws SQLException {
    try (Connection c = jdbc();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  private byte[] column(String sql, String ref) throws SQLException {
    try (Connection c = jdbc();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, ref);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getBytes(1);
      }
    }
  }

  // ---------------------------------------------------------------- opening

  @Test
  void reopeningMigratedDatabaseKeepsData() {
    store.vault().put("crm/token", bytes("s3cret"));
    reopen(kek);
    assertThat(store.vault().get("crm/token")).hasValue(bytes("s3cret"));
  }

  // ---------------------------------------------------------------- vault

  @Test
  void vaultRoundTripsReplacesListsAndDeletes() {
    byte[] binary = {0, 1, 2, (byte) 0xff, 0, 42};
    store.vault().put("b/binary", binary);
    store.vault().put("a/token", bytes("first"));
    store.vault().put("a/token", bytes("second"));

    assertThat(store.vault().get("b/binary")).hasValue(binary);
    assertThat(store.vault().get("a/token")).hasValue(bytes("second"));
    assertThat(store.vault().get("missing")).isEmpty();
    assertThat(store.vault().refs()).containsExactly("a/token", "b/binary");

    assertThat(store.vault().delete("a/token")).isTrue();
    assertThat(store.vault().delete("a/token")).isFalse();
    assertThat(store.vault().get("a/token")).isEmpty();
    assertThat(store.vault().refs()).containsExactly("b/binary");
  }

  @Test
  void vaultStoresNoPlaintext() throws SQLException {
    store.vault().put("crm/token", bytes("plain-text-marker"));
    byte[] ciphertext = column("SELECT ciphertext FROM secret WHERE ref = ?", "crm/token");
    assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1))
        .doesNotContain("plain-text-marker");
    // Two seals of the same secret differ (fresh data key and nonces).
    store.vault().put("crm/other", bytes("plain-text-marker"));
    assertThat(column("SELECT ciphertext FROM secret WHERE ref = ?", "crm/other"))
        .isNotEqualTo(ciphertext);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ciphertext", "data_nonce", "wrapped_key", "key_nonce"})
  void vaultRejectsAFlippedByte(String column) throws SQLException {
    store.vault().put("crm/token", bytes("s3cret-value"));
    byte[] stored = column("SELECT " + column + " FROM secret WHERE ref = ?", "crm/token");
    stored[stored.length / 2] ^= 0x01;
    assertThat(execute("UPDATE secret SET " + column + " = ? WHERE ref = ?", stored, "crm/token"))
        .isEqualTo(1);

    assertThatThrownBy(() -> store.vault().get("crm/token"))
        .isInstanceOf(VaultIntegrityException.class)
        .hasMessageContaining("'crm/token' failed its integrity check")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void vaultBindsCiphertextToItsRef() throws SQLException {
    store.vault().put("crm/a", bytes("secret-a"));
    store.vault().put("crm/b", bytes("secret-b"));
    // Move a's whole sealed row under b's reference.
    execute("DELETE FROM secret WHERE ref = ?", "crm/b");
    execute("UPDATE secret SET ref = ? WHERE ref = ?", "crm/b", "crm/a");

    assertThatThrownBy(() -> store.vault().get("crm/b"))
        .isInstanceOf(VaultIntegrityException.class)
        .hasMessageContaining("moved from another reference");
  }

  @Test
  void vaultOpenedWithAnotherKeySaysTheKeyDoesNotMatch() throws SQLException {
    store.vault().put("crm/token", bytes("s3cret"));
    KeyEncryptionKey other = KeyEncryptionKey.generate();
    reopen(other);

    assertThatThrownBy(() -> store.vault().get("crm/token"))
        .isInstanceOf(VaultIntegrityException.class)
        .hasMessageContaining("vault key does not match")
        .hasMessageContaining(kek.fingerprint())
        .hasMessageContaining(other.fingerprint());

    // Forging the key id only turns it into an integrity failure, never a decryption.
    execute("UPDATE secret SET kek_id = ? WHERE ref = ?", other.fingerprint(), "crm/token");
    assertThatThrownBy(() -> store.vault().get("crm/token"))
        .isInstanceOf(VaultIntegrityException.class)
        .hasMessageContaining("failed its integrity check");
  }

  // ---------------------------------------------------------------- audit

  static AuditEvent event(int n, String integration) {
    return new AuditEvent(
        T0.plusMillis(n),
        "req-" + n,
        integration,
        "salesforce",
        "GET",
        "/services/data/v59.0/sobjects/Contact/" + n,
        integration == null ? null : integration + "#0",
        n % 3 == 0 ? Decision.DENY : Decision.ALLOW,
        n % 3 == 0 ? "authz.route_denied" : "ok",
        n % 3 == 0 ? 403 : 200,
        10L * n,
        100L * n,
        1_000L + n,
        "127.0.0.1",
        n % 2 == 0
            ? List.of(
                new FlowFinding("pii.email", "response", "$.records[0].Email", "alert"),
                new FlowFinding("fin.payment_card", "request", null, "redact"))
            : List.of());
  }

  private void appendEvents(int from, int toInclusive) {
    List<AuditEvent> events = new ArrayList<>();
    for (int n = from; n <= toInclusive; n++) {
      events.add(event(n, n % 2 == 0 ? "lead-sync" : "billing"));
    }
    store.audit().append(events);
  }

  @Test
  void auditAppendsChainsAndReadsBackNewestFirst() {
    appendEvents(1, 4);
    store.audit().append(List.of(event(5, null)));
    store.audit().append(List.of());

    List<StoredAuditEvent> all = store.audit().recent(null, 10);
    assertThat(all).extracting(StoredAuditEvent::id).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(all.get(4).prevHash()).isEqualTo("0".repeat(64));
    for (int i = 0; i < 4; i++) {
      assertThat(all.get(i).prevHash()).isEqualTo(all.get(i + 1).hash());
    }
    assertThat(all).extracting(StoredAuditEvent::hash).allMatch(h -> h.matches("[0-9a-f]{64}"));
    // Every field round-trips, findings included (times have microsecond precision).
    assertThat(all.get(3).event()).isEqualTo(event(2, "lead-sync"));
    assertThat(all.get(0).event()).isEqualTo(event(5, null));

    assertThat(store.audit().recent("lead-sync", 10))
        .extracting(StoredAuditEvent::id)
        .containsExactly(4L, 2L);
    assertThat(store.audit().recent(null, 2))
        .extracting(StoredAuditEvent::id)
        .containsExactly(5L, 4L);
    assertThat(store.audit().recent(null, 0)).isEmpty();

    assertThat(store.audit().verify()).isEqualTo(new AuditLog.Verification(true, 5, null, null));
  }

  @Test
  void emptyChainVerifies() {
    assertThat(store.audit().verify()).isEqualTo(new AuditLog.Verification(true, 0, null, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "path = '/other'",
        "status = 201",
        "time_micros = time_micros + 1",
        "integration = NULL",
        "decision = 'ALLOW'",
        "findings = '[{\"class\":\"pii.email\",\"direction\":\"request\",\"action\":\"block\"}]'",
        "hash = '" + "ab" + "0000000000000000000000000000000000000000000000000000000000000'",
        "prev_hash = '0000000000000000000000000000000000000000000000000000000000000000'"
      })
  void auditVerifyNamesTheAlteredEvent(String change) throws SQLException {
    appendEvents(1, 6);
    assertThat(store.audit().verify().ok()).isTrue();

    assertThat(execute("UPDATE audit_event SET " + change + " WHERE id = 3")).isEqualTo(1);

    AuditLog.Verification result = store.audit().verify();
    assertThat(result.ok()).isFalse();
    assertThat(result.firstBrokenId()).isEqualTo(3L);
    assertThat(result.events()).isEqualTo(2);
    assertThat(result.problem()).isNotBlank();
  }

  @Test
  void auditVerifyNamesAnEventRewrittenWithItsOwnHashAtTheNextLink() throws SQLException {
    appendEvents(1, 4);
    StoredAuditEvent second = store.audit().recent(null, 4).get(2);
    assertThat(second.id()).isEqualTo(2L);
    // An attacker who recomputes row 2's hash still breaks row 3's link.
    execute("UPDATE audit_event SET status = 500, hash = ? WHERE id = 2", "f".repeat(64));
    assertThat(store.audit().verify().firstBrokenId()).isEqualTo(2L);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 3, 6})
  void auditVerifyNamesADeletedEvent(long deleted) throws SQLException {
    appendEvents(1, 6);
    assertThat(execute("DELETE FROM audit_event WHERE id = ?", deleted)).isEqualTo(1);

    AuditLog.Verification result = store.audit().verify();
    assertThat(result.ok()).isFalse();
    assertThat(result.firstBrokenId()).isEqualTo(deleted);
    assertThat(result.problem()).contains("missing");
  }

  @Test
  void auditAppendsFromFourThreadsFormOneUnbrokenChain() throws Exception {
    appendConcurrently(List.of(store.audit(), store.audit(), store.audit(), store.audit()));
  }

  @Test
  void twoStoresOnOneDatabaseDoNotForkTheChain() throws Exception {
    // Two pools on one database stand for two server nodes: only the database lock orders them.
    try (Store secondNode = Stores.open(options(kek))) {
      appendConcurrently(
          List.of(store.audit(), secondNode.audit(), store.audit(), secondNode.audit()));
      assertThat(secondNode.audit().verify().ok()).isTrue();
    }
  }

  private void appendConcurrently(List<AuditLog> logs) throws Exception {
    int threads = logs.size();
    int batchesPerThread = 25;
    int batchSize = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batchesPerThread; b++) {
                    List<AuditEvent> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++) {
                      batch.add(event(thread * 10_000 + b * batchSize + i, "t" + thread));
                    }
                    logs.get(thread).append(batch);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int total = threads * batchesPerThread * batchSize;
    assertThat(store.audit().verify())
        .isEqualTo(new AuditLog.Verification(true, total, null, null));
    // Each batch stays contiguous: appends are serialised, not interleaved.
    List<StoredAuditEvent> all = store.audit().recent(null, total);
    assertThat(all).hasSize(total);
    for (int i = 0; i < total; i += batchSize) {
      assertThat(all.subList(i, i + batchSize))
          .extracting(e -> e.event().integration())
          .containsOnly(all.get(i).event().integration());
    }
  }

  @Test
  void auditVerifyIsTheSameAtEveryPageSize() throws SQLException {
    appendEvents(1, 10);
    SqlAuditLog log = (SqlAuditLog) store.audit();
    for (int page : new int[] {1, 2, 3, 9, 10, 11}) {
      assertThat(log.verify(page)).isEqualTo(new AuditLog.Verification(true, 10, null, null));
    }
    execute("UPDATE audit_event SET reason = 'ok' WHERE id = 9");
    for (int page : new int[] {1, 2, 3, 9, 10, 11}) {
      assertThat(log.verify(page).firstBrokenId()).as("page size %d", page).isEqualTo(9L);
    }
  }

  @Test
  void auditVerifiesALongChainPageByPage() throws SQLException {
    int total = 20_000;
    for (int from = 1; from <= total; from += 2_000) {
      appendEvents(from, from + 1_999);
    }
    SqlAuditLog log = (SqlAuditLog) store.audit();
    assertThat(log.verify(500)).isEqualTo(new AuditLog.Verification(true, total, null, null));

    execute("UPDATE audit_event SET bytes_out = 0 WHERE id = ?", 19_999L);
    AuditLog.Verification broken = store.audit().verify();
    assertThat(broken.firstBrokenId()).isEqualTo(19_999L);
    assertThat(broken.events()).isEqualTo(19_998L);
  }

  // ---------------------------------------------------------------- credentials

  private static CredentialRecord credential(String id, String integration, int minute) {
    return new CredentialRecord(
        id,
        integration,
        CredentialRecord.Kind.API_KEY,
        "hash-" + id,
        "bwk_" + id.substring(0, 2) + "…",
        T0.plusSeconds(60L * minute),
        minute == 2 ? T0.plusSeconds(86_400) : null,
        null);
  }

  @Test
  void credentialsAreFoundByHashAndIdAndListedNewestFirst() {
    store.credentials().insert(credential("c1", "lead-sync", 1));
    store.credentials().insert(credential("c2", "lead-sync", 2));
    store.credentials().insert(credential("c3", "billing", 3));

    assertThat(store.credentials().findByHash("hash-c2"))
        .hasValue(credential("c2", "lead-sync", 2));
    assertThat(store.credentials().findById("c1")).hasValue(credential("c1", "lead-sync", 1));
    assertThat(store.credentials().findByHash("nope")).isEmpty();
    assertThat(store.credentials().findById("nope")).isEmpty();
    assertThat(store.credentials().listByIntegration("lead-sync"))
        .extracting(CredentialRecord::id)
        .containsExactly("c2", "c1");
    assertThat(store.credentials().list())
        .extracting(CredentialRecord::id)
        .containsExactly("c3", "c2", "c1");
  }

  @Test
  void aDuplicateSecretHashOrIdIsRefused() {
    store.credentials().insert(credential("c1", "lead-sync", 1));
    CredentialRecord sameHash =
        new CredentialRecord(
            "c9", "billing", CredentialRecord.Kind.CLIENT_SECRET, "hash-c1", null, T0, null, null);
    assertThatThrownBy(() -> store.credentials().insert(sameHash))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.credentials().insert(credential("c1", "other", 5)))
        .isInstanceOf(StoreException.class);
    assertThat(store.credentials().list()).hasSize(1);
  }

  @Test
  void revokingKeepsTheEarlierTime() {
    store.credentials().insert(credential("c1", "lead-sync", 1));
    Instant later = T0.plusSeconds(3_600);
    Instant earlier = T0.plusSeconds(600);

    assertThat(store.credentials().revoke("c1", later)).isTrue();
    assertThat(store.credentials().findById("c1").orElseThrow().revokedAt()).isEqualTo(later);

    assertThat(store.credentials().revoke("c1", earlier)).isTrue();
    assertThat(store.credentials().findById("c1").orElseThrow().revokedAt()).isEqualTo(earlier);

    assertThat(store.credentials().revoke("c1", later)).isTrue();
    CredentialRecord revoked = store.credentials().findById("c1").orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(earlier);
    assertThat(revoked.activeAt(earlier.minusSeconds(1))).isTrue();
    assertThat(revoked.activeAt(earlier)).isFalse();

    assertThat(store.credentials().revoke("missing", later)).isFalse();
  }

  @Test
  void changedSinceListsInsertsAndRevocationsByTheTimeOfTheChange() throws Exception {
    Instant before = Instant.now().minusMillis(1);
    store.credentials().insert(credential("c1", "lead-sync", 1));
    store.credentials().insert(credential("c2", "lead-sync", 2));
    assertThat(store.credentials().changedSince(before))
        .extracting(CredentialRecord::id)
        .containsExactly("c1", "c2");

    Thread.sleep(5); // the next change is stamped strictly later
    Instant afterInserts = Instant.now();
    assertThat(store.credentials().changedSince(afterInserts.plusMillis(1))).isEmpty();

    // A revocation dated in the future (a rotation overlap) is a change now, not then.
    Instant overlapEnd = afterInserts.plusSeconds(3_600);
    assertThat(store.credentials().revoke("c1", overlapEnd)).isTrue();
    List<CredentialRecord> changed = store.credentials().changedSince(afterInserts);
    assertThat(changed).extracting(CredentialRecord::id).containsExactly("c1");
    assertThat(changed.get(0).revokedAt()).isEqualTo(Micros.toInstant(Micros.of(overlapEnd)));
    assertThat(store.credentials().changedSince(before))
        .extracting(CredentialRecord::id)
        .containsExactly("c2", "c1");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
