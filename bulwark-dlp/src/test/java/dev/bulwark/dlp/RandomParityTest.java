package dev.bulwark.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random bodies made of the fragments detectors look for (prefixes, digit groups,
 * separators, escapes, non-ASCII, JSON punctuation), cut at random: both engines must agree and
 * neither may throw, whatever the input.
 */
class RandomParityTest {
  private static final String[] FRAGMENTS = {
    "ghp_",
    "AKIA",
    "xoxb-",
    "sk_live_",
    "sk-",
    "T3BlbkFJ",
    "AIza",
    "SG.",
    "npm_",
    "SK",
    "eyJ",
    "-----BEGIN ",
    "PRIVATE KEY-----",
    "-----END ",
    "@",
    "example.com",
    ".",
    "-",
    " ",
    ":",
    "::",
    "\\n",
    "\\\"",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    "password",
    "=",
    "secret",
    "swift",
    "bic",
    "DE89",
    "GB",
    "AB",
    "4111",
    "1111",
    "5555",
    "123",
    "45",
    "6789",
    "+1",
    "(415)",
    "555",
    "0123",
    "10.0.",
    "255",
    "2001",
    "db8",
    "ffff",
    "routing",
    "ssn",
    "é",
    "😀",
    "hooks.slack.com/services/",
    "T",
    "B",
    "AccountKey=",
    "private_key_id",
    "service_account",
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "ABCDEFGHIJKLMNOP",
    "==",
    "\t",
    "\n"
  };

  @Test
  void enginesAgreeOnRandomFragmentSoup() {
    Scanner hyperscan = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
    Scanner java = Scanner.create(Detector.builtins(), Engine.JAVA);
    Random r = new Random(7);
    int findings = 0;
    for (int round = 0; round < 2000; round++) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + r.nextInt(60);
      for (int k = 0; k < parts; k++) {
        String f = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
        sb.append(r.nextInt(8) == 0 ? f.substring(0, r.nextInt(f.length() + 1)) : f);
      }
      byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
      for (ContentKind kind : List.of(ContentKind.TEXT, ContentKind.JSON, ContentKind.FORM)) {
        List<Finding> h = hyperscan.scan(body, kind);
        assertThat(java.scan(body, kind)).as("%s %s", kind, sb).isEqualTo(h);
        findings += h.size();
      }
    }
    assertThat(findings).as("the soup does produce findings").isGreaterThan(100);
  }
}
