package dev.bulwark.store;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Decision;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One {@code audit_event} row exactly as stored: the input of hashing and of verification. */
record AuditRow(
    long id,
    long timeMicros,
    String requestId,
    String integration,
    String app,
    String method,
    String path,
    String routeRule,
    String decision,
    String reason,
    int status,
    long bytesIn,
    long bytesOut,
    long latencyMicros,
    String sourceAddress,
    String findings,
    String prevHash,
    String hash) {

  static final String COLUMNS =
      "id, time_micros, request_id, integration, app, method, path, route_rule, decision, reason,"
          + " status, bytes_in, bytes_out, latency_micros, source_address, findings, prev_hash,"
          + " hash";

  static final String INSERT =
      "INSERT INTO audit_event ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** The row for {@code event} at position {@code id} after {@code prevHash}, hash computed. */
  static AuditRow chain(long id, AuditEvent e, String prevHash) {
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
            FindingsJson.write(e.findings()),
            prevHash,
            null);
    return unhashed.withHash(AuditChain.hash(prevHash, unhashed, e.findings()));
  }

  AuditRow withHash(String newHash) {
    return new AuditRow(
        id,
        timeMicros,
        requestId,
        integration,
        app,
        method,
        path,
        routeRule,
        decision,
        reason,
        status,
        bytesIn,
        bytesOut,
        latencyMicros,
        sourceAddress,
        findings,
        prevHash,
        newHash);
  }

  static AuditRow read(ResultSet row) throws SQLException {
    return new AuditRow(
        row.getLong("id"),
        row.getLong("time_micros"),
        row.getString("request_id"),
        row.getString("integration"),
        row.getString("app"),
        row.getString("method"),
        row.getString("path"),
        row.getString("route_rule"),
        row.getString("decision"),
        row.getString("reason"),
        row.getInt("status"),
        row.getLong("bytes_in"),
        row.getLong("bytes_out"),
        row.getLong("latency_micros"),
        row.getString("source_address"),
        row.getString("findings"),
        row.getString("prev_hash"),
        row.getString("hash"));
  }

  void bind(PreparedStatement insert) throws SQLException {
    insert.setLong(1, id);
    insert.setLong(2, timeMicros);
    insert.setString(3, requestId);
    insert.setString(4, integration);
    insert.setString(5, app);
    insert.setString(6, method);
    insert.setString(7, path);
    insert.setString(8, routeRule);
    insert.setString(9, decision);
    insert.setString(10, reason);
    insert.setInt(11, status);
    insert.setLong(12, bytesIn);
    insert.setLong(13, bytesOut);
    insert.setLong(14, latencyMicros);
    insert.setString(15, sourceAddress);
    insert.setString(16, findings);
    insert.setString(17, prevHash);
    insert.setString(18, hash);
  }

  /**
   * @throws IllegalArgumentException when the decision or findings column is unreadable
   */
  StoredAuditEvent toStored() {
    AuditEvent event =
        new AuditEvent(
            Micros.toInstant(timeMicros),
            requestId,
            integration,
            app,
            method,
            path,
            routeRule,
            Decision.valueOf(decision),
            reason,
            status,
            bytesIn,
            bytesOut,
            latencyMicros,
            sourceAddress,
            FindingsJson.read(findings));
    return new StoredAuditEvent(id, event, prevHash, hash);
  }
}
