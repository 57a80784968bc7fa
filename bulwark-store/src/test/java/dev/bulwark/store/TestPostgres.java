package dev.bulwark.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server tests use: the one on 127.0.0.1:5432 (database {@code test}, user {@code
 * postgres}, trust auth) when it answers, else an embedded server started once per JVM. {@code
 * -Dbulwark.test.postgres=embedded} forces the embedded one.
 */
final class TestPostgres {
  record Endpoint(String jdbcUrl, String user, String password) {
    Connection connect() throws SQLException {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (password != null) {
        props.setProperty("password", password);
      }
      return DriverManager.getConnection(jdbcUrl, props);
    }
  }

  private static Endpoint endpoint;

  private TestPostgres() {}

  static synchronized Endpoint endpoint() {
    if (endpoint == null) {
      Endpoint local =
          new Endpoint("jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2", "postgres", null);
      boolean forceEmbedded = "embedded".equals(System.getProperty("bulwark.test.postgres"));
      endpoint = !forceEmbedded && reachable(local) ? local : startEmbedded();
    }
    return endpoint;
  }

  private static boolean reachable(Endpoint candidate) {
    try (Connection ignored = candidate.connect()) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static Endpoint startEmbedded() {
    try {
      EmbeddedPostgres server = EmbeddedPostgres.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting anyway
                    }
                  }));
      return new Endpoint(server.getJdbcUrl("postgres", "postgres"), "postgres", null);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no PostgreSQL on 127.0.0.1:5432 and embedded start failed", e);
    }
  }
}
