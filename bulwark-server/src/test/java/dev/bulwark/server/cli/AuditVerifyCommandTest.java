package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Decision;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
  @TempDir Path dir;

  @Test
  void anIntactChainIsOkAndATamperedRowIsNamed() throws Exception {
    try (Store store =
        Stores.open(
            StoreOptions.sqlite(
                dir.resolve("bulwark.db"), KeyEncryptionKey.loadOrCreate(dir.resolve("kek"))))) {
      List<AuditEvent> events = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        events.add(
            new AuditEvent(
                Instant.now(),
                "req-" + i,
                "lead-sync",
                "salesforce",
                "GET",
                "/salesforce/services/data/v59.0/sobjects/Contact/" + i,
                "lead-sync#0",
                Decision.ALLOW,
                "ok",
                200,
                0,
                100,
                1500,
                "127.0.0.1",
                List.of()));
      }
      store.audit().append(events);
    }

    CliRun ok = CliRun.of("audit", "verify", "--data", dir.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out().strip()).isEqualTo("OK 5 events");

    // An insider rewrites history: event 3 was a denial that someone turns into a 200.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bulwark.db"));
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("UPDATE audit_event SET status = 204 WHERE id = 3")).isEqualTo(1);
    }

    CliRun broken = CliRun.of("audit", "verify", "--data", dir.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.out()).startsWith("BROKEN at event 3");
  }

  @Test
  void noStoreIsBadInput() {
    CliRun run = CliRun.of("audit", "verify", "--data", dir.resolve("missing").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no store at");
  }
}
