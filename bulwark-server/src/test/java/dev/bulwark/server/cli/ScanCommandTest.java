package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {
  @TempDir Path dir;

  private static final String CONTACTS =
      "{\"contacts\":[{\"email\":\"jane.doe@example.com\"},{\"card\":\"4111 1111 1111 1111\"}]}";

  private record Run(int exitCode, String out, String err) {}

  private static Run scan(String stdin, String... args) {
    CommandLine cli =
        new CommandLine(
            new ScanCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void jsonOutputListsClassOffsetsConfidenceAndPathAndExitsOne() throws Exception {
    Path file = dir.resolve("contacts.json");
    Files.writeString(file, CONTACTS);
    Run run = scan("", "--format", "json", file.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    List<String> rows = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(run.out())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String cls = null;
        String path = null;
        int start = -1;
        int end = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "dataClass" -> cls = p.getText();
            case "path" -> path = p.getText();
            case "start" -> start = p.getIntValue();
            case "end" -> end = p.getIntValue();
            default -> {}
          }
        }
        rows.add(cls + " " + path + " " + CONTACTS.substring(start, end));
      }
    }
    assertThat(rows)
        .containsExactly(
            "pii.email $.contacts[0].email jane.doe@example.com",
            "fin.payment_card $.contacts[1].card 4111 1111 1111 1111");
    assertThat(run.out()).doesNotContain("jane.doe@example.com").contains("\"confidence\"");
  }

  @Test
  void tableFromStdinAndExitZeroWhenClean() {
    Run found = scan("mail bob@example.com please", "-");
    assertThat(found.exitCode()).isEqualTo(1);
    assertThat(found.out()).contains("pii.email").contains("1 finding").doesNotContain("bob@");
    Run clean = scan("nothing to see, version 1.2.3, id 550e8400-e29b-41d4-a716-446655440000", "-");
    assertThat(clean.exitCode()).isZero();
    assertThat(clean.out()).contains("0 findings");
  }

  @Test
  void policyChoosesDetectorsAndAddsCustomOnes() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "detectors: [fin.payment_card]\ncustom:\n  - {id: acme.badge, pattern: 'BDG-[0-9]{6}', confidence: 0.9}\n");
    Run run =
        scan(
            "badge BDG-123456 mail bob@example.com",
            "--policy",
            policy.toString(),
            "--format",
            "json",
            "-");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"acme.badge\"").doesNotContain("pii.email");
  }

  private static final String PERIMETER =
      """
      classification:
        confidential: [pii.email, custom.badge]
      dlp:
        detectors:
          - {id: custom.employee_id, pattern: 'EMP-[0-9]{6}', level: confidential}
          - {id: custom.badge, pattern: 'BADGE-[A-Z]{4}'}
      apps:
        - id: crm
          vendor: Acme
          baseUrl: https://crm.example
          owner: ops@acme.example
      """;

  @Test
  void perimeterPolicyAddsItsCustomDetectorsToAllBuiltins() throws Exception {
    Path perimeter = dir.resolve("perimeter.yaml");
    Files.writeString(perimeter, PERIMETER);
    String input = "staff EMP-123456 badge BADGE-ABCD mail bob@example.com";
    Run run = scan(input, "--policy", perimeter.toString(), "--format", "json", "-");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"custom.employee_id\"", "\"custom.badge\"", "\"pii.email\"")
        .doesNotContain("EMP-123456");
    // Without the perimeter the custom classes are unknown.
    assertThat(scan(input, "--format", "json", "-").out())
        .contains("\"pii.email\"")
        .doesNotContain("custom.");
  }

  @Test
  void perimeterWithErrorsPrintsLocatedErrorsAndExitsTwo() throws Exception {
    Path perimeter = dir.resolve("perimeter.yaml");
    Files.writeString(perimeter, PERIMETER.replace("'EMP-[0-9]{6}'", "'EMP-([0-9]{6}'"));
    Run run = scan("EMP-123456", "--policy", perimeter.toString(), "-");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    // file:line:column: message — the pattern is on line 5.
    assertThat(run.err()).startsWith(perimeter + ":5:").contains("pattern");
  }

  @Test
  void errorsExitTwo() throws Exception {
    assertThat(scan("", dir.resolve("missing.txt").toString()).exitCode()).isEqualTo(2);
    assertThat(scan("x", "--format", "xml", "-").exitCode()).isEqualTo(2);
    Path policy = dir.resolve("bad.yaml");
    Files.writeString(policy, "custom:\n  - {id: x.bad, pattern: '(unclosed'}\n");
    assertThat(scan("x", "--policy", policy.toString(), "-").exitCode()).isEqualTo(2);
  }

  @Test
  void registeredUnderTheRootCommand() throws Exception {
    Path file = dir.resolve("contacts.json");
    Files.writeString(file, CONTACTS);
    CliRun run = CliRun.of("scan", "--format", "json", file.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("\"path\":\"$.contacts[1].card\"");
    assertThat(CliRun.of("scan", "--help").out()).contains("PATH|-").contains("--format");
  }
}
