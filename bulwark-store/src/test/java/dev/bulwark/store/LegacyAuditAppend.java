package dev.bulwark.store;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.FlowFinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit append as it was before the encoder rewrite (string concatenation, a digest per event,
 * Jackson for every findings list, one INSERT step per row): a reference the cost probe measures
 * side by side with {@link SqlAuditLog}, and whose hashes the tests compare with the new encoder's.
 */
final class LegacyAuditAppend {
  private LegacyAuditAppend() {}

  static String hash(String prevHash, AuditRow row, List<FlowFinding> findings) {
    StringBuilder out = new StringBuilder(256).append("bulwark.audit.v1");
    field(out, Long.toString(row.id()));
    field(out, Long.toString(row.timeMicros()));
    field(out, row.requestId());
    field(out, row.integration());
    field(out, row.app());
    field(out, row.method());
    field(out, row.path());
    field(out, row.routeRule());
    field(out, row.decision());
    field(out, row.reason());
    field(out, Integer.toString(row.status()));
    field(out, Long.toString(row.bytesIn()));
    field(out, Long.toString(row.bytesOut()));
    field(out, Long.toString(row.latencyMicros()));
    field(out, row.sourceAddress());
    field(out, Integer.toString(findings.size()));
    for (FlowFinding f : findings) {
      field(out, f.dataClass());
      field(out, f.direction());
      field(out, f.path());
      field(out, f.action());
    }
    String text = prevHash + "\n" + out;
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(StringBuilder out, String value) {
    out.append('\n');
    if (value == null) {
      out.append('~');
    } else {
      out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }
  }

  /** The legacy row: Jackson findings JSON even when empty, legacy hash. */
  static AuditRow chain(long id, AuditEvent e, String prevHash) {
    String findings =
        e.findings().isEmpty()
            ? new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().toString()
            : FindingsJson.write(e.findings());
    AuditRow unhashed =
        new AuditRow(
            id,
            Micros.of(e.time()),
            e.requestId(),
            e.integration(),
            e.app(),
            e.method(),
            e.path(),
            e.routeRule(),
            e.decision().name(),
            e.reason(),
            e.status(),
            e.bytesIn(),
            e.bytesOut(),
            e.latencyMicros(),
            e.sourceAddress(),
            findings,
            prevHash,
            null);
    return unhashed.withHash(hash(prevHash, unhashed, e.findings()));
  }

  /** The legacy append on SQLite: head row, then one batched single-row INSERT per event. */
  static void append(Database database, List<AuditEvent> events) {
    database.write(
        "legacy append",
        connection -> {
          long id;
          String prev;
          try (PreparedStatement q =
                  connection.prepareStatement("SELECT last_id, last_hash FROM audit_head");
              ResultSet r = q.executeQuery()) {
            r.next();
            id = r.getLong(1);
            prev = r.getString(2);
          }
          try (PreparedStatement insert = connection.prepareStatement(AuditRow.insert(1))) {
            for (AuditEvent event : events) {
              AuditRow row = chain(++id, event, prev);
              row.bind(insert, 0);
              insert.addBatch();
              prev = row.hash();
            }
            insert.executeBatch();
          }
          updateHead(connection, id, prev);
          return null;
        });
  }

  private static void updateHead(Connection connection, long id, String hash) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
      update.setLong(1, id);
      update.setString(2, hash);
      update.executeUpdate();
    }
  }
}
