package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store-url}: the same commands against the PostgreSQL at 127.0.0.1:5432. */
class PostgresCredentialsTest {
  // A database of our own, so no other test class's tables collide with ours.
  private static final String DB = "bulwark_server_cli_test";
  private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DB;

  @TempDir Path dir;

  @BeforeAll
  static void freshDatabase() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB);
      s.execute("CREATE DATABASE " + DB);
    }
  }

  @Test
  void createListRevokeAndVerifyAgainstPostgres() {
    String[] store = {"--store-url", URL, "--store-user", "postgres", "--data", dir.toString()};
    CliRun created =
        CliRun.of(
            concat(new String[] {"credentials", "create", "--integration", "pg-sync"}, store));
    assertThat(created.exitCode()).as(created.err()).isZero();
    String secret =
        created
            .out()
            .lines()
            .filter(l -> l.strip().startsWith("bwk_"))
            .findFirst()
            .orElseThrow()
            .strip();

    CliRun list = CliRun.of(concat(new String[] {"credentials", "list"}, store));
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("pg-sync").doesNotContain(secret);

    CliRun verify = CliRun.of(concat(new String[] {"audit", "verify"}, store));
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out().strip()).isEqualTo("OK 0 events");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
