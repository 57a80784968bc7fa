package dev.bulwark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The vault over the {@code secret} table; sealing and opening are {@link EnvelopeCipher}'s. */
final class SqlSecretVault implements SecretVault {
  private final Database database;
  private final EnvelopeCipher cipher;

  SqlSecretVault(Database database, EnvelopeCipher cipher) {
    this.database = database;
    this.cipher = cipher;
  }

  @Override
  public void put(String ref, byte[] secret) {
    requireRef(ref);
    Objects.requireNonNull(secret, "secret");
    EnvelopeCipher.Sealed sealed = cipher.seal(ref, secret);
    long now = Micros.of(Instant.now());
    database.write(
        "store secret '" + ref + "'",
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO secret (ref, kek_id, key_nonce, wrapped_key, data_nonce, ciphertext,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ref) DO UPDATE SET"
                      + " kek_id = excluded.kek_id, key_nonce = excluded.key_nonce,"
                      + " wrapped_key = excluded.wrapped_key, data_nonce = excluded.data_nonce,"
                      + " ciphertext = excluded.ciphertext, updated_at = excluded.updated_at")) {
            upsert.setString(1, ref);
            upsert.setString(2, sealed.kekId());
            upsert.setBytes(3, sealed.keyNonce());
            upsert.setBytes(4, sealed.wrappedKey());
            upsert.setBytes(5, sealed.dataNonce());
            upsert.setBytes(6, sealed.ciphertext());
            upsert.setLong(7, now);
            upsert.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public Optional<byte[]> get(String ref) {
    requireRef(ref);
    Optional<EnvelopeCipher.Sealed> sealed =
        database.read(
            "read secret '" + ref + "'",
            connection -> {
              try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT kek_id, key_nonce, wrapped_key, data_nonce, ciphertext FROM secret"
                          + " WHERE ref = ?")) {
                query.setString(1, ref);
                try (ResultSet row = query.executeQuery()) {
                  if (!row.next()) {
                    return Optional.empty();
                  }
                  return Optional.of(
                      new EnvelopeCipher.Sealed(
                          row.getString(1),
                          row.getBytes(2),
                          row.getBytes(3),
                          row.getBytes(4),
                          row.getBytes(5)));
                }
              }
            });
    return sealed.map(s -> cipher.open(ref, s));
  }

  @Override
  public boolean delete(String ref) {
    requireRef(ref);
    return database.write(
        "delete secret '" + ref + "'",
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM secret WHERE ref = ?")) {
            delete.setString(1, ref);
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<String> refs() {
    return database.read(
        "list secret references",
        connection -> {
          try (PreparedStatement query =
                  connection.prepareStatement("SELECT ref FROM secret ORDER BY ref");
              ResultSet rows = query.executeQuery()) {
            List<String> refs = new ArrayList<>();
            while (rows.next()) {
              refs.add(rows.getString(1));
            }
            return refs;
          }
        });
  }

  private static void requireRef(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("a secret reference must not be blank");
    }
  }
}
