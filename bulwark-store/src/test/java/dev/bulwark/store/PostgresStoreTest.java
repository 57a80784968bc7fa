package dev.bulwark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;

/**
 * The store contract on PostgreSQL, in a fresh schema of this class's own: the first test's open
 * migrates it, each test empties it afterwards, and it is dropped at the end.
 */
class PostgresStoreTest extends StoreContract {
  private static final String SCHEMA =
      "bw_store_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);

  @Override
  protected StoreOptions options(KeyEncryptionKey kek) {
    TestPostgres.Endpoint pg = TestPostgres.endpoint();
    return StoreOptions.postgres(pg.jdbcUrl(), pg.user(), pg.password(), kek).withSchema(SCHEMA);
  }

  @Override
  protected Connection jdbc() throws SQLException {
    Connection connection = TestPostgres.endpoint().connect();
    connection.setSchema(SCHEMA);
    return connection;
  }

  @Override
  protected void dropDatabase() throws SQLException {
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE credential, secret, audit_event");
      s.execute("UPDATE audit_head SET last_id = 0, last_hash = '" + "0".repeat(64) + "'");
    }
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = TestPostgres.endpoint().connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }
}
