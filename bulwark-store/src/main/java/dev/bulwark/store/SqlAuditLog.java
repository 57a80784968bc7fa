package dev.bulwark.store;

import dev.bulwark.model.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log over {@code audit_event}, chained by {@link AuditChain}. The single {@code
 * audit_head} row holds the last id and hash; every append locks it inside its transaction, so
 * appends are serialised across threads and across processes or nodes sharing the database.
 */
final class SqlAuditLog implements AuditLog {
  /** Rows read per query while verifying: bounded memory for chains of any length. */
  static final int VERIFY_PAGE = 2_000;

  // One single-row statement, batched: measured cheaper on sqlite-jdbc than multi-row INSERTs
  // (AuditAppendCost); PostgreSQL's driver rewrites the batch into multi-row INSERTs itself.
  private static final String INSERT = AuditRow.insert(1);

  private final Database database;
  // Queues this process's appenders before they reach the database lock, so SQLite writers do
  // not spin on busy_timeout against each other.
  private final ReentrantLock appendLock = new ReentrantLock(true);

  SqlAuditLog(Database database) {
    this.database = database;
  }

  private record Head(long lastId, String lastHash) {}

  @Override
  public void append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    appendLock.lock();
    try {
      database.write("append " + events.size() + " audit events", c -> appendLocked(c, events));
    } finally {
      appendLock.unlock();
    }
  }

  private Void appendLocked(Connection connection, List<AuditEvent> events) throws SQLException {
    Head head = readHead(connection, true);
    long id = head.lastId();
    String prev = head.lastHash();
    AuditChain chain = new AuditChain(); // one digest and one buffer for the whole batch
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (AuditEvent event : events) {
        AuditRow row = AuditRow.chain(chain, ++id, event, prev);
        row.bind(insert, 0);
        insert.addBatch();
        prev = row.hash();
      }
      insert.executeBatch();
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
      update.setLong(1, id);
      update.setString(2, prev);
      update.executeUpdate();
    }
    return null;
  }

  private Head readHead(Connection connection, boolean forUpdate) throws SQLException {
    // SQLite transactions here begin IMMEDIATE (the database write lock), which is its row lock.
    String lock =
        forUpdate && database.engine() == StoreOptions.Engine.POSTGRESQL ? " FOR UPDATE" : "";
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT last_id, last_hash FROM audit_head WHERE id = 1" + lock);
        ResultSet row = query.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("the audit chain head row is missing");
      }
      return new Head(row.getLong(1), row.getString(2));
    }
  }

  @Override
  public List<StoredAuditEvent> recent(String integration, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String where = integration == null ? "" : " WHERE integration = ?";
    List<AuditRow> rows =
        database.read(
            "read recent audit events",
            connection -> {
              try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT "
                          + AuditRow.COLUMNS
                          + " FROM audit_event"
                          + where
                          + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (integration != null) {
                  query.setString(i++, integration);
                }
                query.setInt(i, limit);
                return readRows(query);
              }
            });
    List<StoredAuditEvent> events = new ArrayList<>(rows.size());
    for (AuditRow row : rows) {
      try {
        events.add(row.toStored());
      } catch (IllegalArgumentException e) {
        throw new StoreException("audit event " + row.id() + " is unreadable: " + e.getMessage());
      }
    }
    return events;
  }

  @Override
  public Verification verify() {
    return verify(VERIFY_PAGE);
  }

  /**
   * Walks the chain in id order, {@code pageSize} rows per query. Events appended while it runs are
   * verified too when they are reached. {@code events} counts the events found intact before the
   * first broken one.
   */
  Verification verify(int pageSize) {
    Head head = database.read("read the audit chain head", c -> readHead(c, false));
    long expectedId = 1;
    String prev = AuditChain.GENESIS;
    long intact = 0;
    while (true) {
      long after = expectedId - 1;
      List<AuditRow> page = database.read("read audit events", c -> page(c, after, pageSize));
      if (page.isEmpty()) {
        break;
      }
      for (AuditRow row : page) {
        String problem = check(row, expectedId, prev, head);
        if (problem != null) {
          // A gap means the expected event itself is the one gone.
          return new Verification(false, intact, expectedId, problem);
        }
        prev = row.hash();
        expectedId++;
        intact++;
      }
    }
    if (intact < head.lastId()) {
      return new Verification(
          false,
          intact,
          intact + 1,
          "events "
              + (intact + 1)
              + " to "
              + head.lastId()
              + " are missing: the chain head records "
              + head.lastId()
              + " events");
    }
    return new Verification(true, intact, null, null);
  }

  /** The first thing wrong with {@code row} at this point of the walk, or null. */
  private static String check(AuditRow row, long expectedId, String prev, Head head) {
    if (row.id() != expectedId) {
      return "event " + expectedId + " is missing (the next stored event is " + row.id() + ")";
    }
    if (!prev.equals(row.prevHash())) {
      return expectedId == 1
          ? "the first event's prev_hash is not 64 zeros"
          : "prev_hash does not match the hash of event "
              + (expectedId - 1)
              + " (that event or its hash was rewritten)";
    }
    String recomputed;
    try {
      recomputed = AuditChain.hash(prev, row);
    } catch (IllegalArgumentException e) {
      return "the stored event is unreadable: " + e.getMessage();
    }
    if (!recomputed.equals(row.hash())) {
      return "the stored columns do not match the stored hash (the event or its hash was altered)";
    }
    if (row.id() == head.lastId() && !row.hash().equals(head.lastHash())) {
      return "the hash differs from the one recorded in the chain head";
    }
    return null;
  }

  private static List<AuditRow> page(Connection connection, long afterId, int pageSize)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + AuditRow.COLUMNS + " FROM audit_event WHERE id > ? ORDER BY id LIMIT ?")) {
      query.setLong(1, afterId);
      query.setInt(2, pageSize);
      return readRows(query);
    }
  }

  private static List<AuditRow> readRows(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      List<AuditRow> result = new ArrayList<>();
      while (rows.next()) {
        result.add(AuditRow.read(rows));
      }
      return result;
    }
  }
}
