package dev.bulwark.dlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScannerTest {
  private static final Scanner HYPERSCAN = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
  private static final Scanner JAVA = Scanner.create(Detector.builtins(), Engine.JAVA);

  private static Scanner of(Engine e) {
    return e == Engine.HYPERSCAN ? HYPERSCAN : JAVA;
  }

  private static List<String> describe(String text, List<Finding> findings) {
    return findings.stream()
        .map(f -> f.dataClass() + " " + f.jsonPath() + " " + text.substring(f.start(), f.end()))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(
      value = Engine.class,
      names = {"HYPERSCAN", "JAVA"})
  void jsonPathsFollowNestingArraysAndEscapedKeys(Engine engine) {
    String body =
        "{\"contacts\": [ {\"id\": 1}, {\"id\": 2, \"emails\": [\"a@example.com\", \"b@example.com\"]},"
            + " {\"we\\\"ird key\": \"c@example.com\"}], \"meta\": {\"owner\": {\"ip\": \"192.168.1.20\"}}}";
    List<Finding> f = of(engine).scan(body.getBytes(StandardCharsets.UTF_8), ContentKind.JSON);
    assertThat(describe(body, f))
        .containsExactly(
            "pii.email $.contacts[1].emails[0] a@example.com",
            "pii.email $.contacts[1].emails[1] b@example.com",
            "pii.email $.contacts[2]['we\"ird key'] c@example.com",
            "pii.ipv4 $.meta.owner.ip 192.168.1.20");
  }

  @Test
  void offsetsAreCharOffsetsEvenAfterMultiByteCharacters() {
    String text = "Grüße 😀 an jane@example.com — 4111-1111-1111-1111";
    List<Finding> f = HYPERSCAN.scan(text);
    assertThat(describe(text, f))
        .containsExactly(
            "pii.email null jane@example.com", "fin.payment_card null 4111-1111-1111-1111");
  }

  @Test
  void formValuesAreDecodedAndCarryTheirFieldName() {
    byte[] body =
        "name=Jane+Doe&e%2Dmail=jane%40example.com&card=4111+1111+1111+1111"
            .getBytes(StandardCharsets.UTF_8);
    List<Finding> f = HYPERSCAN.scan(body, ContentKind.FORM);
    String text = FormBody.parse(body).text();
    assertThat(describe(text, f))
        .containsExactly(
            "pii.email $.e-mail jane@example.com", "fin.payment_card $.card 4111 1111 1111 1111");
  }

  @Test
  void binaryBodiesAreSkippedAndCounted() {
    Scanner s = Scanner.create(Detector.builtins(), Engine.JAVA);
    assertThat(s.scan("jane@example.com".getBytes(StandardCharsets.UTF_8), ContentKind.BINARY))
        .isEmpty();
    assertThat(s.binarySkipped()).isEqualTo(1);
    assertThat(ContentKind.fromContentType("application/vnd.api+json; charset=utf-8"))
        .isEqualTo(ContentKind.JSON);
    assertThat(ContentKind.fromContentType("image/png")).isEqualTo(ContentKind.BINARY);
    assertThat(ContentKind.fromContentType("application/x-www-form-urlencoded"))
        .isEqualTo(ContentKind.FORM);
  }

  @Test
  void literalsAcrossHyperscanChunkBoundariesAreFoundOnce() {
    int chunk = 1 << 20;
    byte[] body = new byte[3 * chunk + 100];
    Arrays.fill(body, (byte) ' ');
    String token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    int[] at = {chunk - 3, 2 * chunk - 10 - token.length(), 2 * chunk + 500, 3 * chunk + 20};
    for (int p : at) {
      System.arraycopy(token.getBytes(StandardCharsets.US_ASCII), 0, body, p, token.length());
    }
    byte[] mail = "bob@example.com".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(mail, 0, body, 2 * chunk - 3, mail.length); // '@' right at the boundary
    List<Finding> h = HYPERSCAN.scan(body, ContentKind.TEXT);
    assertThat(h)
        .extracting(Finding::start)
        .containsExactly(at[0], at[1], 2 * chunk - 3, at[2], at[3]);
    assertThat(JAVA.scan(body, ContentKind.TEXT)).isEqualTo(h);
  }

  @Test
  void customDetectorsUseRe2AndRankAfterBuiltIns() {
    Scanner s =
        Scanner.create(
            List.of(
                Detector.builtin(DataClasses.EMAIL),
                Detector.custom("acme.badge", "BDG-[0-9]{6}", 0.9)),
            Engine.AUTO);
    String text = "badge BDG-123456 and BDG-12 owner x@example.com";
    assertThat(describe(text, s.scan(text)))
        .containsExactly("acme.badge null BDG-123456", "pii.email null x@example.com");
    assertThatThrownBy(() -> Detector.custom("x", "(unclosed"))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> Detector.custom(DataClasses.EMAIL, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void engineComesFromTheSystemPropertyAndJavaWorksWithoutNatives() {
    String old = System.getProperty("bulwark.dlp.engine");
    try {
      System.setProperty("bulwark.dlp.engine", "java");
      assertThat(Scanner.create(Detector.builtins()).engine()).isEqualTo(Engine.JAVA);
      System.setProperty("bulwark.dlp.engine", "auto");
      assertThat(Scanner.create(Detector.builtins()).engine()).isEqualTo(Engine.HYPERSCAN);
      System.setProperty("bulwark.dlp.engine", "bogus");
      assertThatThrownBy(Engine::fromSystemProperty).isInstanceOf(IllegalArgumentException.class);
    } finally {
      if (old == null) {
        System.clearProperty("bulwark.dlp.engine");
      } else {
        System.setProperty("bulwark.dlp.engine", old);
      }
    }
  }

  @Test
  void stripeFixturesGiveTheSameFindingsOnBothEnginesAndNoSecrets() throws IOException {
    byte[] body;
    try (InputStream in = getClass().getResourceAsStream("/vendor/stripe/fixtures3.json")) {
      body = in.readAllBytes();
    }
    List<Finding> h = HYPERSCAN.scan(body, ContentKind.JSON);
    assertThat(JAVA.scan(body, ContentKind.JSON)).isEqualTo(h);
    String text = new String(body, StandardCharsets.UTF_8);
    List<String> found = describe(text, h);
    assertThat(found).contains("pii.email $.resources.account.email site@stripe.com");
    assertThat(found).anyMatch(s -> s.startsWith("pii.phone ") && s.endsWith("+18008675309"));
    assertThat(found)
        .anyMatch(s -> s.startsWith("fin.us_routing ") && s.endsWith("routing_number 110000000"));
    // Stripe's objects carry client secrets (pi_..._secret_...): those are findings; no other
    // secret.
    assertThat(h)
        .filteredOn(f -> f.dataClass().startsWith("secret."))
        .isNotEmpty()
        .allMatch(
            f ->
                f.dataClass().equals(DataClasses.PASSWORD_ASSIGNMENT)
                    && f.jsonPath().endsWith("secret"));
    assertThat(found)
        .anyMatch(s -> s.startsWith("fin.swift_bic ") && s.contains(".eu_bank_transfer.bic "));
    assertThat(h).allMatch(f -> f.jsonPath() != null && f.jsonPath().startsWith("$.resources"));
  }
}
