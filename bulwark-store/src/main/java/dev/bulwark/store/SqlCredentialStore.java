package dev.bulwark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Credentials in the {@code credential} table, one row per issued secret hash. */
final class SqlCredentialStore implements CredentialStore {
  private static final String COLUMNS =
      "id, integration_id, kind, secret_hash, hint, created_at, expires_at, revoked_at";
  private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

  private final Database database;

  SqlCredentialStore(Database database) {
    this.database = database;
  }

  @Override
  public void insert(CredentialRecord c) {
    database.write(
        "insert credential " + c.id(),
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO credential ("
                      + COLUMNS
                      + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, c.id());
            insert.setString(2, c.integrationId());
            insert.setString(3, c.kind().name());
            insert.setString(4, c.secretHash());
            insert.setString(5, c.hint());
            insert.setLong(6, Micros.of(c.createdAt()));
            setNullableLong(insert, 7, Micros.ofNullable(c.expiresAt()));
            setNullableLong(insert, 8, Micros.ofNullable(c.revokedAt()));
            insert.setLong(9, Micros.of(Instant.now()));
            insert.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public Optional<CredentialRecord> findByHash(String secretHash) {
    return one("find credential by hash", "secret_hash", secretHash);
  }

  @Override
  public Optional<CredentialRecord> findById(String id) {
    return one("find credential " + id, "id", id);
  }

  @Override
  public List<CredentialRecord> listByIntegration(String integrationId) {
    return database.read(
        "list credentials of " + integrationId,
        connection ->
            many(
                connection,
                "SELECT " + COLUMNS + " FROM credential WHERE integration_id = ?" + NEWEST_FIRST,
                integrationId));
  }

  @Override
  public List<CredentialRecord> list() {
    return database.read(
        "list credentials",
        connection -> many(connection, "SELECT " + COLUMNS + " FROM credential" + NEWEST_FIRST));
  }

  @Override
  public boolean revoke(String id, Instant at) {
    long micros = Micros.of(at);
    // An earlier revocation stands: revoking again can only bring the end forward.
    return database.write(
        "revoke credential " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE credential SET revoked_at = CASE WHEN revoked_at IS NULL OR revoked_at > ?"
                      + " THEN ? ELSE revoked_at END, updated_at = ? WHERE id = ?")) {
            update.setLong(1, micros);
            update.setLong(2, micros);
            // The real time of the change (not the revocation time, which may lie ahead), so
            // pollers of changedSince see it.
            update.setLong(3, Micros.of(Instant.now()));
            update.setString(4, id);
            return update.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<CredentialRecord> changedSince(Instant since) {
    long micros = Micros.of(since);
    return database.read(
        "list credentials changed since " + since,
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM credential WHERE updated_at >= ? ORDER BY updated_at, id")) {
            query.setLong(1, micros);
            return read(query);
          }
        });
  }

  private Optional<CredentialRecord> one(String action, String column, String value) {
    return database.read(
        action,
        connection ->
            many(
                    connection,
                    "SELECT " + COLUMNS + " FROM credential WHERE " + column + " = ?",
                    value)
                .stream()
                .findFirst());
  }

  private static List<CredentialRecord> many(Connection connection, String sql, String... args)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        query.setString(i + 1, args[i]);
      }
      return read(query);
    }
  }

  private static List<CredentialRecord> read(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      List<CredentialRecord> result = new ArrayList<>();
      while (rows.next()) {
        result.add(
            new CredentialRecord(
                rows.getString("id"),
                rows.getString("integration_id"),
                CredentialRecord.Kind.valueOf(rows.getString("kind")),
                rows.getString("secret_hash"),
                rows.getString("hint"),
                Micros.toInstant(rows.getLong("created_at")),
                instantOrNull(rows, "expires_at"),
                instantOrNull(rows, "revoked_at")));
      }
      return result;
    }
  }

  private static Instant instantOrNull(ResultSet rows, String column) throws SQLException {
    long micros = rows.getLong(column);
    return rows.wasNull() ? null : Micros.toInstant(micros);
  }

  static void setNullableLong(PreparedStatement statement, int index, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }
}
