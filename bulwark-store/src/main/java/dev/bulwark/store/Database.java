package dev.bulwark.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs units of work on pooled connections: reads in auto-commit, writes in one transaction that
 * commits or rolls back as a whole. SQL failures become {@link StoreException} naming the action.
 */
final class Database {
  /** Work done with a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final StoreOptions.Engine engine;

  Database(DataSource dataSource, StoreOptions.Engine engine) {
    this.dataSource = dataSource;
    this.engine = engine;
  }

  StoreOptions.Engine engine() {
    return engine;
  }

  <T> T read(String action, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot " + action + ": " + e.getMessage(), e);
    }
  }

  <T> T write(String action, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      T result;
      try {
        result = work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
      // Back to auto-commit at once: an idle SQLite connection left in a transaction would keep
      // the write lock. (After a failure the pool restores it when the connection returns.)
      connection.setAutoCommit(true);
      return result;
    } catch (SQLException e) {
      throw new StoreException("cannot " + action + ": " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
