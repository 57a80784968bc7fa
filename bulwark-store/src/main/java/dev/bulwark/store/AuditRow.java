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

  /** Parameters per row in {@link #insert(int)}. */
  static final int PARAMETERS = 18;

  private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** An INSERT of {@code rows} rows in one statement (bind them with {@link #bind}). */
  static String insert(int rows) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO audit_event (").append(COLUMNS).append(") VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(VALUES);
    }
    return sql.toString();
  }

  /** The row for {@code event} at position {@code id} after {@code prevHash}, hash computed. */
  static AuditRow chain(long id, AuditEvent e, String prevHash) {
    return chain(new AuditChain(), id, e, prevHash);
  }

  /** As {@link #chain(long, AuditEvent, String)}, hashing with {@code chain}'s buffers. */
  static AuditRow chain(AuditChain chain, long id, AuditEvent e, String prevHash) {
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
    return unhashed.withHash(chain.next(prevHash, unhashed, e.findings()));
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

  /** Binds this row as the {@code slot}-th row (from 0) of an {@link #insert(int)} statement. */
  void bind(PreparedStatement insert, int slot) throws SQLException {
    int p = slot * PARAMETERS;
    insert.setLong(p + 1, id);
    insert.setLong(p + 2, timeMicros);
    insert.setString(p + 3, requestId);
    insert.setString(p + 4, integration);
    insert.setString(p + 5, app);
    insert.setString(p + 6, method);
    insert.setString(p + 7, path);
    insert.setString(p + 8, routeRule);
    insert.setString(p + 9, decision);
    insert.setString(p + 10, reason);
    insert.setInt(p + 11, status);
    insert.setLong(p + 12, bytesIn);
    insert.setLong(p + 13, bytesOut);
    insert.setLong(p + 14, latencyMicros);
    insert.setString(p + 15, sourceAddress);
    insert.setString(p + 16, findings);
    insert.setString(p + 17, prevHash);
    insert.setString(p + 18, hash);
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
