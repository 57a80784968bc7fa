package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateCommandTest {
  @TempDir Path dir;

  @Test
  void theExamplePerimeterIsValid() {
    CliRun run = CliRun.of("config", "validate", "../examples/perimeter.yaml");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo("OK 12 apps, 16 integrations");
  }

  @Test
  void everyErrorIsPrintedWithItsPositionAndExitIsOne() throws Exception {
    Path file = dir.resolve("perimeter.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "classification:",
            "  confidential: [pii.email]",
            "apps:",
            "  - id: crm",
            "    vendor: Acme",
            "    baseUrl: http://crm.example.com",
            "    sanctioned: true",
            "    owner: ops@acme.example",
            "    dataClasses: [pii.email]",
            "    colour: blue",
            "integrations:",
            "  - id: sync",
            "    owner: ops@acme.example",
            "    caller: job",
            "    app: nowhere",
            "    credential: api-key",
            "    routes: ['GET /contacts/{id}']",
            "    dataClasses: [pii.email]",
            ""));
    CliRun run = CliRun.of("config", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    String prefix = file.toString() + ":";
    assertThat(run.out().lines().filter(l -> l.startsWith(prefix)).count())
        .as(run.out())
        .isGreaterThanOrEqualTo(3);
    // the plain-http base URL (line 6), the unknown key (line 10), the dangling app (line 15)
    assertThat(run.out()).contains(prefix + "6:").contains(prefix + "10:").contains(prefix + "15:");
    assertThat(run.out())
        .matches("(?s).*" + java.util.regex.Pattern.quote(prefix) + "\\d+:\\d+: .*");
  }

  @Test
  void aMissingFileIsBadInput() {
    CliRun run = CliRun.of("config", "validate", dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no such file").contains("nope.yaml");
  }

  @Test
  void unknownOptionsAreBadInputAndHelpWorksEverywhere() {
    assertThat(CliRun.of("config", "validate", "--frobnicate", "x").exitCode()).isEqualTo(2);
    for (String[] command :
        new String[][] {
          {"--help"},
          {"serve", "--help"},
          {"demo", "--help"},
          {"config", "validate", "--help"},
          {"credentials", "create", "--help"},
          {"credentials", "rotate", "--help"},
          {"credentials", "revoke", "--help"},
          {"credentials", "list", "--help"},
          {"audit", "verify", "--help"}
        }) {
      CliRun run = CliRun.of(command);
      assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
      assertThat(run.out()).as(String.join(" ", command)).contains("Usage:");
    }
    CliRun version = CliRun.of("audit", "verify", "--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("bulwark ");
  }
}
