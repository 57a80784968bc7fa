package dev.bulwark.dlp.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.DataClasses;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.Scanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final Scanner SCANNER = Scanner.withBuiltins();
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final Redactor redactor = new Redactor(KEY);

  private Rewrite run(String body, ContentKind kind, Action action) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return redactor.apply(b, kind, SCANNER.scan(b, kind), f -> action);
  }

  private static String str(Rewrite r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void redactsACardInsideJsonAndTheOutputStaysValidJson() throws IOException {
    String body =
        "{\"contacts\":[{\"name\":\"Jane\",\"card\":\"4111 1111 1111 1111\",\"note\":\"quote \\\" here\"}],\"n\":4111111111111111}";
    Rewrite r = run(body, ContentKind.JSON, Action.REDACT);
    String out = str(r);
    assertThat(out)
        .contains("\"card\":\"[REDACTED:fin.payment_card]\"")
        .contains("\"n\":\"[REDACTED:fin.payment_card]\"")
        .contains("\"note\":\"quote \\\" here\"")
        .doesNotContain("4111");
    assertValidJson(out);
    assertThat(r.changed()).isTrue();
    assertThat(r.applied())
        .extracting(a -> a.finding().jsonPath())
        .containsExactly("$.contacts[0].card", "$.n");
  }

  @Test
  void rewritesAValueWithJsonEscapesInside() throws IOException {
    String body =
        "{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\",\"mail\":\"x\\u00e9 bob@example.com\"}";
    Rewrite r = run(body, ContentKind.JSON, Action.REDACT);
    String out = str(r);
    assertThat(out)
        .contains("\"key\":\"[REDACTED:secret.private_key]\"")
        .contains("\"mail\":\"xé [REDACTED:pii.email]\"");
    assertValidJson(out);
  }

  @Test
  void masksKeepingTheLastFourAndTokenizesDeterministically() {
    assertThat(str(run("card 4111-1111-1111-1111 ok", ContentKind.TEXT, Action.MASK)))
        .isEqualTo("card ****-****-****-1111 ok");
    String t1 = str(run("mail jane@example.com", ContentKind.TEXT, Action.TOKENIZE));
    String t2 = str(run("again jane@example.com", ContentKind.TEXT, Action.TOKENIZE));
    String token = t1.substring("mail ".length());
    assertThat(token).matches("tok_pii\\.email_[a-z2-7]{16}");
    assertThat(t2).isEqualTo("again " + token);
    Redactor otherKey = new Redactor("another-key-of-16-bytes!".getBytes(StandardCharsets.UTF_8));
    assertThat(otherKey.replacement(DataClasses.EMAIL, "jane@example.com", Action.TOKENIZE))
        .isNotEqualTo(token);
  }

  @Test
  void blockEmptiesTheBodyAndAllowLeavesItUntouched() {
    String body = "{\"ssn\":\"123-45-6780\",\"email\":\"a@example.com\"}";
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    List<Finding> findings = SCANNER.scan(b, ContentKind.JSON);
    Rewrite blocked =
        redactor.apply(
            b,
            ContentKind.JSON,
            findings,
            f -> f.dataClass().equals(DataClasses.US_SSN) ? Action.BLOCK : Action.ALERT);
    assertThat(blocked.blocked()).isTrue();
    assertThat(blocked.body()).isEmpty();
    assertThat(blocked.applied())
        .extracting(Applied::action)
        .containsExactly(Action.BLOCK, Action.ALERT);
    Rewrite allowed = redactor.apply(b, ContentKind.JSON, findings, f -> Action.ALLOW);
    assertThat(allowed.body()).isSameAs(b);
    assertThat(allowed.changed()).isFalse();
    assertThat(redactor.apply(b, ContentKind.JSON, findings, f -> null).blocked())
        .as("a policy without an answer fails closed")
        .isTrue();
  }

  @Test
  void rewritesFormValuesAndReEncodes() {
    Rewrite r =
        run(
            "user=bob&email=bob%40example.com&password=S3cr3t%21Passw0rd",
            ContentKind.FORM, Action.REDACT);
    assertThat(str(r))
        .isEqualTo(
            "user=bob&email=%5BREDACTED%3Apii.email%5D&password=%5BREDACTED%3Asecret.password_assignment%5D");
  }

  @Test
  void rewritesEveryOneOfManyFindingsInOneJsonBody() throws IOException {
    // 300 e-mails (odd ones only alerted), 10 card numbers as JSON numbers and e-mails as keys:
    // exercises the offset lookup of findings per token across a long body.
    StringBuilder body = new StringBuilder("{\"items\":[");
    StringBuilder expected = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 300; i++) {
      String sep = i == 0 ? "" : ",";
      String mail = "user" + i + "@example.com";
      String note = "note \\\" " + i;
      body.append(sep).append("{\"id\":").append(i).append(",\"email\":\"").append(mail);
      expected.append(sep).append("{\"id\":").append(i).append(",\"email\":\"");
      expected.append(i % 2 == 0 ? "[REDACTED:pii.email]" : mail);
      body.append("\",\"note\":\"").append(note).append('"');
      expected.append("\",\"note\":\"").append(note).append('"');
      if (i % 30 == 0) {
        body.append(",\"card\":4111111111111111");
        expected.append(",\"card\":\"[REDACTED:fin.payment_card]\"");
      }
      if (i % 50 == 0) {
        body.append(",\"key").append(i).append("@example.com\":true");
        expected.append(",\"[REDACTED:pii.email]\":true");
      }
      body.append('}');
      expected.append('}');
    }
    body.append("]}");
    expected.append("]}");
    byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
    List<Finding> findings = SCANNER.scan(b, ContentKind.JSON);
    assertThat(findings).hasSize(300 + 10 + 6);
    Rewrite r =
        redactor.apply(
            b,
            ContentKind.JSON,
            findings,
            f -> {
              if (f.jsonPath().endsWith(".email")) {
                int i = Integer.parseInt(f.jsonPath().replaceAll("\\D", ""));
                return i % 2 == 0 ? Action.REDACT : Action.ALERT;
              }
              return Action.REDACT;
            });
    assertThat(str(r)).isEqualTo(expected.toString());
    assertValidJson(str(r));
    assertThat(r.applied()).hasSize(316);
  }

  @Test
  void rejectsAShortTokenKey() {
    assertThatThrownBy(() -> new Redactor(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertValidJson(String s) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(s)) {
      while (p.nextToken() != null) {
        // parses to the end or throws
      }
    }
  }
}
