package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreOptionsTest {
  private final KeyEncryptionKey kek = KeyEncryptionKey.generate();

  @Test
  void sqliteUsesTheAbsoluteFile() {
    StoreOptions options = StoreOptions.sqlite(Path.of("data/bulwark.db"), kek);
    assertThat(options.engine()).isEqualTo(StoreOptions.Engine.SQLITE);
    assertThat(options.sqliteFile().isAbsolute()).isTrue();
    assertThat(options.sqliteFile().endsWith(Path.of("data/bulwark.db"))).isTrue();
    assertThat(options.jdbcUrl()).isEqualTo("jdbc:sqlite:" + options.sqliteFile());
  }

  @Test
  void toStringHidesThePasswordAndTheKey() {
    StoreOptions options =
        StoreOptions.postgres("jdbc:postgresql://db/bulwark", "app", "hunter2", kek)
            .withSchema("tenant_a");
    assertThat(options.toString())
        .contains("schema=tenant_a", "password=***", kek.fingerprint())
        .doesNotContain("hunter2", kek.toBase64());
  }

  @Test
  void schemaMustBeAPlainIdentifierAndPostgresOnly() {
    StoreOptions pg = StoreOptions.postgres("jdbc:postgresql://db/x", "u", null, kek);
    assertThatThrownBy(() -> pg.withSchema("x; DROP TABLE y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreOptions.sqlite(Path.of("a.db"), kek).withSchema("s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreachableDatabaseFailsWithAStoreException() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    StoreOptions options =
        StoreOptions.postgres(
            "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "u", null, kek);
    assertThatThrownBy(() -> Stores.open(options))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the database");
  }
}
