package dev.bulwark.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to open a {@link Store}. Build with {@link #sqlite} or {@link #postgres}.
 *
 * @param engine the database engine
 * @param jdbcUrl JDBC URL
 * @param sqliteFile the database file (SQLite only, otherwise null)
 * @param user database user (PostgreSQL only, may be null)
 * @param password database password (PostgreSQL only, may be null; never shown by toString)
 * @param schema PostgreSQL schema holding the tables, created by the migrations when missing
 * @param kek the key-encryption key of the secret vault
 * @param maxPoolSize at most this many pooled connections
 */
public record StoreOptions(
    Engine engine,
    String jdbcUrl,
    Path sqliteFile,
    String user,
    String password,
    String schema,
    KeyEncryptionKey kek,
    int maxPoolSize) {

  /** The supported database engines. */
  public enum Engine {
    SQLITE,
    POSTGRESQL
  }

  // Schema names end up in SQL text (search_path), so only plain identifiers are accepted.
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public StoreOptions {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(kek, "kek");
    if (engine == Engine.SQLITE) {
      Objects.requireNonNull(sqliteFile, "sqliteFile");
      if (schema != null) {
        throw new IllegalArgumentException("a schema applies to PostgreSQL only");
      }
    }
    if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*), got: " + schema);
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1");
    }
  }

  /** A SQLite file (created with its parent directories when missing). */
  public static StoreOptions sqlite(Path dbFile, KeyEncryptionKey kek) {
    Path file = dbFile.toAbsolutePath().normalize();
    // SQLite allows one writer at a time (WAL lets readers run beside it): a few connections do.
    return new StoreOptions(Engine.SQLITE, "jdbc:sqlite:" + file, file, null, null, null, kek, 4);
  }

  /** A PostgreSQL database, tables in the {@code public} schema unless {@link #withSchema}. */
  public static StoreOptions postgres(
      String jdbcUrl, String user, String password, KeyEncryptionKey kek) {
    return new StoreOptions(Engine.POSTGRESQL, jdbcUrl, null, user, password, null, kek, 10);
  }

  /** The same options with tables in {@code schema} (PostgreSQL only). */
  public StoreOptions withSchema(String schema) {
    return new StoreOptions(engine, jdbcUrl, sqliteFile, user, password, schema, kek, maxPoolSize);
  }

  public StoreOptions withMaxPoolSize(int size) {
    return new StoreOptions(engine, jdbcUrl, sqliteFile, user, password, schema, kek, size);
  }

  @Override
  public String toString() {
    return "StoreOptions[engine=%s, jdbcUrl=%s, user=%s, password=%s, schema=%s, kek=%s, maxPoolSize=%d]"
        .formatted(
            engine, jdbcUrl, user, password == null ? "null" : "***", schema, kek, maxPoolSize);
  }
}
