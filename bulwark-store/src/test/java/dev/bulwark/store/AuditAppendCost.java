package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.AuditEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in cost probe: thread CPU time per event of appending batches of 512 (the gateway's audit
 * writer batch) on SQLite, the {@link LegacyAuditAppend legacy} append and {@link SqlAuditLog}
 * alternating in the same JVM, each on its own database file, after a warm-up. The legacy run gets
 * the legacy schema back (the per-integration index). Run: {@code ./mvnw -B -o -pl bulwark-store
 * test -Dtest=AuditAppendCost -Dbulwark.cost=true [-Dbulwark.cost.integrations=10000]}
 */
@EnabledIfSystemProperty(named = "bulwark.cost", matches = "true")
class AuditAppendCost {
  private static final int BATCH = 512;
  private static final int BATCHES_PER_ROUND = 40;
  private static final int ROUNDS = 6;
  // Distinct integrations across the events (the gateway benchmark's large config has 10,000).
  private static final int INTEGRATIONS = Integer.getInteger("bulwark.cost.integrations", 50);

  @TempDir Path dir;

  @Test
  void sqliteAppendLegacyVersusCurrent() {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (SqlStore legacy = open("legacy.db");
        SqlStore current = open("current.db")) {
      // The legacy schema too: SQLite's V3 dropped this index from the audit writer's path.
      legacy
          .database()
          .write(
              "restore the legacy index",
              c -> {
                try (Statement s = c.createStatement()) {
                  s.execute(
                      "CREATE INDEX audit_event_by_integration ON audit_event (integration, id)");
                }
                return null;
              });
      Consumer<List<AuditEvent>> legacyAppend =
          batch -> LegacyAuditAppend.append(legacy.database(), batch);
      Consumer<List<AuditEvent>> currentAppend = batch -> current.audit().append(batch);
      int next = 0;
      List<Double> legacyCosts = new ArrayList<>();
      List<Double> currentCosts = new ArrayList<>();
      for (int round = 0; round <= ROUNDS; round++) {
        List<List<AuditEvent>> batches = batches(next);
        next += BATCHES_PER_ROUND * BATCH;
        double a = cpuPerEvent(cpu, legacyAppend, batches);
        double b = cpuPerEvent(cpu, currentAppend, batches);
        if (round > 0) { // round 0 warms up
          legacyCosts.add(a);
          currentCosts.add(b);
          System.out.printf(
              "round %d: legacy %.2f µs CPU/event, current %.2f µs CPU/event%n", round, a, b);
        }
      }
      System.out.printf(
          "audit append (sqlite, batches of %d, %d integrations) median: legacy %.2f µs CPU/event,"
              + " current %.2f µs CPU/event%n",
          BATCH, INTEGRATIONS, median(legacyCosts), median(currentCosts));
      // The price of the dropped index: a filter on an integration with no events scans it all.
      long t0 = System.nanoTime();
      assertThat(current.audit().recent("no-such-integration", 50)).isEmpty();
      long t1 = System.nanoTime();
      assertThat(current.audit().recent("integration-1", 50)).hasSize(50);
      long t2 = System.nanoTime();
      System.out.printf(
          "recent(integration, 50) over %d events: %d ms for an integration without events,"
              + " %.1f ms for an active one%n",
          next, (t1 - t0) / 1_000_000, (t2 - t1) / 1e6);
      assertThat(current.audit().verify().ok()).isTrue();
      assertThat(legacy.audit().verify().ok()).isTrue();
    }
  }

  private SqlStore open(String file) {
    return (SqlStore)
        Stores.open(StoreOptions.sqlite(dir.resolve(file), KeyEncryptionKey.generate()));
  }

  private static double cpuPerEvent(
      ThreadMXBean cpu, Consumer<List<AuditEvent>> append, List<List<AuditEvent>> batches) {
    long c0 = cpu.getCurrentThreadCpuTime();
    for (List<AuditEvent> batch : batches) {
      append.accept(batch);
    }
    return (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / (batches.size() * BATCH);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /** Mostly events without findings, as on a gateway where DLP rarely fires; 1 in 16 with two. */
  private static List<List<AuditEvent>> batches(int from) {
    List<List<AuditEvent>> batches = new ArrayList<>();
    int n = from;
    for (int b = 0; b < BATCHES_PER_ROUND; b++) {
      List<AuditEvent> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++, n++) {
        AuditEvent e = StoreContract.event(n, "integration-" + (n % INTEGRATIONS));
        batch.add(n % 16 == 0 ? e : withoutFindings(e));
      }
      batches.add(batch);
    }
    return batches;
  }

  static AuditEvent withoutFindings(AuditEvent e) {
    return new AuditEvent(
        e.time(),
        e.requestId(),
        e.integration(),
        e.app(),
        e.method(),
        e.path(),
        e.routeRule(),
        e.decision(),
        e.reason(),
        e.status(),
        e.bytesIn(),
        e.bytesOut(),
        e.latencyMicros(),
        e.sourceAddress(),
        List.of());
  }
}
