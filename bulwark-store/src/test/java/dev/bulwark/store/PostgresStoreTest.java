package dev.bulwark.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The store contract on PostgreSQL, each test in its own fresh schema that is dropped afterwards.
 */
class PostgresStoreTest extends StoreContract {
  // A field initialiser, not @BeforeEach: the contract's @BeforeEach opens the store first.
  private final String schema =
      "bw_store_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);

  @Override
  protected StoreOptions options(KeyEncryptionKey kek) {
    TestPostgres.Endpoint pg = TestPostgres.endpoint();
    return StoreOptions.postgres(pg.jdbcUrl(), pg.user(), pg.password(), kek).withSchema(schema);
  }

  @Override
  protected Connection jdbc() throws SQLException {
    Connection connection = TestPostgres.endpoint().connect();
    connection.setSchema(schema);
    return connection;
  }

  @Override
  protected void dropDatabase() throws SQLException {
    try (Connection c = TestPostgres.endpoint().connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
