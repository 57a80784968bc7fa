package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.AuditEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in volume check: appends 100k events in batches of 1,000 and verifies them, printing the
 * times. Run: {@code ./mvnw -B -o -pl bulwark-store test -Dtest=AuditVolumeTest
 * -Dbulwark.volume=true}
 */
@EnabledIfSystemProperty(named = "bulwark.volume", matches = "true")
class AuditVolumeTest {
  private static final int EVENTS = 100_000;
  private static final int BATCH = 1_000;

  @TempDir Path dir;

  @Test
  void sqlite() {
    try (Store store =
        Stores.open(StoreOptions.sqlite(dir.resolve("volume.db"), KeyEncryptionKey.generate()))) {
      run("sqlite", store);
    }
  }

  @Test
  void postgres() throws Exception {
    TestPostgres.Endpoint pg = TestPostgres.endpoint();
    String schema = "bw_store_volume";
    try (Store store =
        Stores.open(
            StoreOptions.postgres(
                    pg.jdbcUrl(), pg.user(), pg.password(), KeyEncryptionKey.generate())
                .withSchema(schema))) {
      run("postgresql", store);
    } finally {
      try (Connection c = pg.connect();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void run(String engine, Store store) {
    // Thread CPU time beside wall time: the robust figure on a shared machine (it leaves out the
    // PostgreSQL server's own work).
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    for (int from = 0; from < EVENTS; from += BATCH) {
      List<AuditEvent> batch = new ArrayList<>(BATCH);
      for (int n = from; n < from + BATCH; n++) {
        batch.add(StoreContract.event(n, "volume"));
      }
      store.audit().append(batch);
    }
    long t1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    AuditLog.Verification result = store.audit().verify();
    long t2 = System.nanoTime();
    long c2 = cpu.getCurrentThreadCpuTime();
    assertThat(result).isEqualTo(new AuditLog.Verification(true, EVENTS, null, null));
    System.out.printf(
        "%s: append %d events in %d ms wall, %.1f µs CPU/event; verify in %d ms wall, %.1f µs"
            + " CPU/event%n",
        engine,
        EVENTS,
        (t1 - t0) / 1_000_000,
        (c1 - c0) / 1e3 / EVENTS,
        (t2 - t1) / 1_000_000,
        (c2 - c1) / 1e3 / EVENTS);
  }
}
