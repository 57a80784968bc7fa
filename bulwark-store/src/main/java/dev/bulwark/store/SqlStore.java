package dev.bulwark.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;

/**
 * A store on one JDBC database: opens the pool with the engine's settings, migrates the schema with
 * the engine's migrations, and hands out the three views over it.
 */
final class SqlStore implements Store {
  private final HikariDataSource pool;
  private final Database database;
  private final CredentialStore credentials;
  private final SecretVault vault;
  private final AuditLog audit;

  private SqlStore(HikariDataSource pool, StoreOptions options) {
    this.pool = pool;
    this.database = new Database(pool, options.engine());
    this.credentials = new SqlCredentialStore(database);
    this.vault = new SqlSecretVault(database, new EnvelopeCipher(options.kek()));
    this.audit = new SqlAuditLog(database);
  }

  static Store open(StoreOptions options) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(options));
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open the database " + options.jdbcUrl() + ": " + rootMessage(e), e);
    }
    try {
      migrate(pool, options);
      return new SqlStore(pool, options);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static HikariConfig poolConfig(StoreOptions options) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bulwark-store");
    config.setJdbcUrl(options.jdbcUrl());
    config.setMaximumPoolSize(options.maxPoolSize());
    config.setMinimumIdle(1);
    if (options.engine() == StoreOptions.Engine.SQLITE) {
      createParentDirectories(options.sqliteFile());
      config.setDriverClassName("org.sqlite.JDBC");
      config.setDataSourceProperties(sqliteSettings().toProperties());
    } else {
      config.setDriverClassName("org.postgresql.Driver");
      config.setUsername(options.user());
      config.setPassword(options.password());
      // Audit batches become multi-row INSERTs: one round trip per batch instead of per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      if (options.schema() != null) {
        config.setSchema(options.schema());
      }
    }
    return config;
  }

  private static SQLiteConfig sqliteSettings() {
    SQLiteConfig sqlite = new SQLiteConfig();
    // WAL: readers never block the writer and the writer never blocks readers.
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the
    // last commits, never corrupt the file.
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout(10_000);
    sqlite.enforceForeignKeys(true);
    // Transactions take the write lock when they begin, so two writers queue on busy_timeout
    // instead of failing when a read lock would have to be upgraded (SQLITE_BUSY).
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return sqlite;
  }

  private static void createParentDirectories(Path file) {
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + file, e);
    }
  }

  private static void migrate(HikariDataSource pool, StoreOptions options) {
    String folder =
        options.engine() == StoreOptions.Engine.SQLITE
            ? "classpath:db/migration/sqlite"
            : "classpath:db/migration/postgresql";
    var flyway =
        Flyway.configure(SqlStore.class.getClassLoader()).dataSource(pool).locations(folder);
    if (options.schema() != null) {
      flyway.schemas(options.schema()).defaultSchema(options.schema());
    }
    try {
      flyway.load().migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot migrate the database schema: " + e.getMessage(), e);
    }
  }

  /** The pooled database, for tests that check connection settings. */
  Database database() {
    return database;
  }

  @Override
  public CredentialStore credentials() {
    return credentials;
  }

  @Override
  public SecretVault vault() {
    return vault;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public void close() {
    pool.close();
  }
}
