package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.AuditEvent;
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
    long t0 = System.nanoTime();
    for (int from = 0; from < EVENTS; from += BATCH) {
      List<AuditEvent> batch = new ArrayList<>(BATCH);
      for (int n = from; n < from + BATCH; n++) {
        batch.add(StoreContract.event(n, "volume"));
      }
      store.audit().append(batch);
    }
    long t1 = System.nanoTime();
    AuditLog.Verification result = store.audit().verify();
    long t2 = System.nanoTime();
    assertThat(result).isEqualTo(new AuditLog.Verification(true, EVENTS, null, null));
    System.out.printf(
        "%s: append %d events in %d ms (%.0f/s), verify in %d ms (%.0f/s)%n",
        engine,
        EVENTS,
        (t1 - t0) / 1_000_000,
        EVENTS * 1e9 / (t1 - t0),
        (t2 - t1) / 1_000_000,
        EVENTS * 1e9 / (t2 - t1));
  }
}
