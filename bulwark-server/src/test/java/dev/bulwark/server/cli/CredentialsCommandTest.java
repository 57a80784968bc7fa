package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsCommandTest {
  private static final Pattern API_KEY = Pattern.compile("bwk_[A-Za-z0-9_-]{20,}");
  private static final Pattern ID = Pattern.compile("\\b(ak_[0-9a-f]+|cs_[0-9a-f]+)\\b");

  @TempDir Path dir;

  @Test
  void createShowsTheSecretOnceAndListNeverDoes() {
    CliRun created =
        CliRun.of(
            "credentials",
            "create",
            "--integration",
            "lead-sync",
            "--expires-in",
            "90d",
            "--data",
            dir.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    String secret = find(API_KEY, created.out());
    String id = find(ID, created.out());
    assertThat(created.out()).contains("not shown again").contains("lead-sync").contains("expires");

    CliRun list = CliRun.of("credentials", "list", "--data", dir.toString());
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains(id).contains("lead-sync").contains("active");
    assertThat(list.out()).doesNotContain(secret).doesNotContain(secret.substring(12));

    CliRun revoked = CliRun.of("credentials", "revoke", id, "--data", dir.toString());
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.out()).contains("Revoked " + id).doesNotContain(secret);

    CliRun after =
        CliRun.of("credentials", "list", "--integration", "lead-sync", "--data", dir.toString());
    assertThat(after.out()).contains(id).contains("revoked").doesNotContain(secret);
  }

  @Test
  void rotatePrintsTheNewSecretAndKeepsTheOldOneForTheOverlap() {
    CliRun created =
        CliRun.of("credentials", "create", "--integration", "x", "--data", dir.toString());
    String oldId = find(ID, created.out());
    String oldSecret = find(API_KEY, created.out());
    CliRun rotated =
        CliRun.of("credentials", "rotate", oldId, "--overlap", "1h", "--data", dir.toString());
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    String newSecret = find(API_KEY, rotated.out());
    assertThat(newSecret).isNotEqualTo(oldSecret);
    assertThat(rotated.out()).contains("keeps working until").doesNotContain(oldSecret);

    CliRun list = CliRun.of("credentials", "list", "--data", dir.toString());
    assertThat(list.out()).contains("rotated").doesNotContain(newSecret).doesNotContain(oldSecret);
  }

  @Test
  void clientSecretsAreIssuedToo() {
    CliRun created =
        CliRun.of(
            "credentials",
            "create",
            "--integration",
            "x",
            "--kind",
            "client-secret",
            "--data",
            dir.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("client-secret").containsPattern("cs_[0-9a-f]+");
  }

  @Test
  void badInputExitsTwoAndSaysWhat() {
    CliRun duration =
        CliRun.of(
            "credentials",
            "create",
            "--integration",
            "x",
            "--expires-in",
            "soon",
            "--data",
            dir.toString());
    assertThat(duration.exitCode()).isEqualTo(2);
    assertThat(duration.err()).contains("--expires-in").contains("soon");

    CliRun kind =
        CliRun.of(
            "credentials",
            "create",
            "--integration",
            "x",
            "--kind",
            "password",
            "--data",
            dir.toString());
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err()).contains("--kind");

    CliRun.of("credentials", "create", "--integration", "x", "--data", dir.toString());
    CliRun unknown = CliRun.of("credentials", "revoke", "ak_nope", "--data", dir.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("ak_nope");

    CliRun noStore = CliRun.of("credentials", "list", "--data", dir.resolve("empty").toString());
    assertThat(noStore.exitCode()).isEqualTo(2);
    assertThat(noStore.err()).contains("no store at");

    CliRun notInConfig =
        CliRun.of(
            "credentials",
            "create",
            "--integration",
            "ghost",
            "--config",
            "../examples/perimeter.yaml",
            "--data",
            dir.toString());
    assertThat(notInConfig.exitCode()).isEqualTo(2);
    assertThat(notInConfig.err()).contains("ghost").contains("perimeter.yaml");
  }

  private static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("no %s in:%n%s", pattern, text).isTrue();
    return m.group();
  }
}
