package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The store contract on a SQLite file in a temporary directory, plus SQLite's own settings. */
class SqliteStoreTest extends StoreContract {
  private Path file() {
    return dir.resolve("nested/data/bulwark.db");
  }

  @Override
  protected StoreOptions options(KeyEncryptionKey kek) {
    return StoreOptions.sqlite(file(), kek);
  }

  @Override
  protected Connection jdbc() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Override
  protected void dropDatabase() {
    // @TempDir removes the file.
  }

  @Test
  void createsParentDirectoriesAndUsesWalWithForeignKeysAndBusyTimeout() {
    assertThat(Files.isRegularFile(file())).isTrue();
    Database database = ((SqlStore) store).database();
    assertThat(pragma(database, "journal_mode")).isEqualToIgnoringCase("wal");
    assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
    assertThat(Integer.parseInt(pragma(database, "busy_timeout"))).isGreaterThanOrEqualTo(5_000);
  }

  private static String pragma(Database database, String name) {
    return database.read(
        "read pragma",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet value = s.executeQuery("PRAGMA " + name)) {
            value.next();
            return value.getString(1);
          }
        });
  }
}
