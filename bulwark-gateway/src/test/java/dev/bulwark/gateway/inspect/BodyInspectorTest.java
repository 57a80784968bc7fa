package dev.bulwark.gateway.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dlp.Engine;
import dev.bulwark.dlp.Scanner;
import dev.bulwark.model.DlpDirection;
import dev.bulwark.model.FlowFinding;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The inspector alone, over a perimeter read from YAML: what each action does to JSON, text and
 * form bodies, that blocking never lets a byte through, the fail-closed limits, and that the audit
 * findings name classes and paths but never a value.
 */
class BodyInspectorTest {
  static final String CARD = "4111 1111 1111 1111";
  static final String EMAIL = "alice.smith@acme-corp.com";
  static final byte[] KEY = bytes("0123456789abcdef0123456789abcdef");

  static final String YAML =
      """
      classification:
        confidential: [pii.email, custom.employee_id]
        restricted: [fin.payment_card]
      dlp:
        maxBodyBytes: 4096
        detectors:
          - {id: custom.employee_id, pattern: 'EMP-[0-9]{6}'}
        default:
          response: {restricted: redact}
      apps:
        - {id: crm, vendor: Acme, baseUrl: 'https://crm.example', owner: o@x.example}
      integrations:
        - id: redacting
          owner: o@x.example
          app: crm
          credential: api-key
          routes: [GET /a]
          dlp:
            request: {fin.payment_card: block, pii.email: alert}
        - id: masking
          owner: o@x.example
          app: crm
          credential: api-key
          routes: [GET /a]
          dlp:
            request: {fin.payment_card: mask, confidential: redact}
            response: {restricted: block, default: allow}
        - id: tokenizing
          owner: o@x.example
          app: crm
          credential: api-key
          routes: [GET /a]
          dlp:
            request: {pii.*: tokenize, custom.employee_id: tokenize}
            response: {}
      """;

  static Perimeter perimeter(String yaml) {
    LoadResult result = PerimeterLoader.parse("p.yaml", yaml);
    assertThat(result.errors()).isEmpty();
    return result.perimeter();
  }

  static final Perimeter PERIMETER = perimeter(YAML);

  static BodyInspector inspector(byte[] key) {
    return new BodyInspector(
        PERIMETER, Scanner.create(BodyInspector.detectorsFor(PERIMETER), Engine.JAVA), key);
  }

  private final BodyInspector inspector = inspector(KEY);

  static Integration integration(String id) {
    return PERIMETER.integrations().get(id);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void assertNoValueIn(List<FlowFinding> findings, String... values) {
    for (FlowFinding f : findings) {
      for (String v : values) {
        assertThat(f.toString()).doesNotContain(v).doesNotContain(v.replace(" ", ""));
      }
    }
  }

  @Test
  void needsInspectionFollowsThePolicyPerDirection() {
    assertThat(inspector.needsInspection(integration("redacting"), DlpDirection.REQUEST)).isTrue();
    // from the default policy: the integration wrote no response rules
    assertThat(inspector.needsInspection(integration("redacting"), DlpDirection.RESPONSE)).isTrue();
    // explicitly off
    assertThat(inspector.needsInspection(integration("tokenizing"), DlpDirection.RESPONSE))
        .isFalse();
  }

  @Test
  void cardInANestedArrayIsRedactedInAResponse() {
    String body =
        "{\"accounts\":[{\"id\":1,\"cards\":[\"" + CARD + "\"]},{\"id\":2,\"note\":\"none\"}]}";
    InspectOutcome out =
        inspector.inspect(
            integration("redacting"), DlpDirection.RESPONSE, "application/json", bytes(body));
    assertThat(out.blocked()).isFalse();
    assertThat(out.changed()).isTrue();
    assertThat(text(out.body()))
        .isEqualTo(
            "{\"accounts\":[{\"id\":1,\"cards\":[\"[REDACTED:fin.payment_card]\"]},"
                + "{\"id\":2,\"note\":\"none\"}]}");
    assertThat(out.findings())
        .containsExactly(
            new FlowFinding("fin.payment_card", "response", "$.accounts[0].cards[0]", "redact"));
  }

  @Test
  void maskKeepsTheLastFourAndLevelRulesReachTaxonomyClasses() {
    String body = "{\"card\":\"" + CARD + "\",\"email\":\"" + EMAIL + "\"}";
    InspectOutcome out =
        inspector.inspect(
            integration("masking"), DlpDirection.REQUEST, "application/json", bytes(body));
    assertThat(text(out.body()))
        .isEqualTo("{\"card\":\"**** **** **** 1111\",\"email\":\"[REDACTED:pii.email]\"}");
    assertThat(out.findings())
        .containsExactly(
            new FlowFinding("fin.payment_card", "request", "$.card", "mask"),
            new FlowFinding("pii.email", "request", "$.email", "redact"));
    assertNoValueIn(out.findings(), CARD, EMAIL);
  }

  @Test
  void tokenizeIsDeterministicAcrossCallsAndInspectorsAndKeyed() {
    byte[] body = bytes("{\"who\":\"" + EMAIL + "\",\"emp\":\"EMP-123456\"}");
    Integration tok = integration("tokenizing");
    String first =
        text(inspector.inspect(tok, DlpDirection.REQUEST, "application/json", body).body());
    String again =
        text(inspector.inspect(tok, DlpDirection.REQUEST, "application/json", body).body());
    String fresh =
        text(inspector(KEY).inspect(tok, DlpDirection.REQUEST, "application/json", body).body());
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    String other =
        text(
            inspector(otherKey)
                .inspect(tok, DlpDirection.REQUEST, "application/json", body)
                .body());

    assertThat(first).doesNotContain(EMAIL).doesNotContain("EMP-123456");
    assertThat(first)
        .matches(
            "\\{\"who\":\"tok_pii\\.email_[a-z2-7]{16}\",\"emp\":\"tok_custom\\.employee_id_[a-z2-7]{16}\"\\}");
    assertThat(again).isEqualTo(first);
    assertThat(fresh).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void blockedRequestIs403AndCarriesNothing() {
    byte[] body = bytes("{\"payment\":{\"card\":\"" + CARD + "\"},\"email\":\"" + EMAIL + "\"}");
    InspectOutcome out =
        inspector.inspect(integration("redacting"), DlpDirection.REQUEST, "application/json", body);
    assertThat(out.blocked()).isTrue();
    assertThat(out.block().status()).isEqualTo(403);
    assertThat(out.block().reason()).isEqualTo("dlp.blocked");
    assertThat(out.block().message()).contains("fin.payment_card").doesNotContain(CARD);
    assertThat(out.body()).isEmpty();
    assertThat(out.findings())
        .containsExactly(
            new FlowFinding("fin.payment_card", "request", "$.payment.card", "block"),
            new FlowFinding("pii.email", "request", "$.email", "alert"));
  }

  @Test
  void blockedResponseIs502AndCarriesNothing() {
    byte[] body = bytes("[{\"card\":\"" + CARD + "\"}]");
    InspectOutcome out =
        inspector.inspect(integration("masking"), DlpDirection.RESPONSE, "application/json", body);
    assertThat(out.block())
        .isEqualTo(
            new InspectOutcome.Block(
                502, "dlp.blocked", "response body carries fin.payment_card, which policy blocks"));
    assertThat(out.body()).isEmpty();
    assertThat(out.findings())
        .containsExactly(new FlowFinding("fin.payment_card", "response", "$[0].card", "block"));
  }

  @Test
  void alertPassesTheBodyUnchanged() {
    byte[] body = bytes("{\"email\":\"" + EMAIL + "\"}");
    InspectOutcome out =
        inspector.inspect(integration("redacting"), DlpDirection.REQUEST, "application/json", body);
    assertThat(out.blocked()).isFalse();
    assertThat(out.alerted()).isTrue();
    assertThat(out.changed()).isFalse();
    assertThat(out.body()).isSameAs(body);
  }

  @Test
  void textBodiesAreRewrittenInPlace() {
    String body = "Customer " + EMAIL + " paid with " + CARD + ".\n";
    InspectOutcome out =
        inspector.inspect(
            integration("masking"), DlpDirection.REQUEST, "text/plain; charset=utf-8", bytes(body));
    assertThat(text(out.body()))
        .isEqualTo("Customer [REDACTED:pii.email] paid with **** **** **** 1111.\n");
    assertThat(out.findings())
        .extracting(FlowFinding::dataClass, FlowFinding::path, FlowFinding::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pii.email", null, "redact"),
            org.assertj.core.groups.Tuple.tuple("fin.payment_card", null, "mask"));
  }

  @Test
  void formBodiesAreRewrittenFieldByField() {
    String body =
        "name=Alice&email=" + EMAIL.replace("@", "%40") + "&card=" + CARD.replace(' ', '+');
    InspectOutcome out =
        inspector.inspect(
            integration("masking"),
            DlpDirection.REQUEST,
            "application/x-www-form-urlencoded",
            bytes(body));
    String rewritten = text(out.body());
    assertThat(rewritten).startsWith("name=Alice&email=").doesNotContain("alice.smith");
    assertThat(java.net.URLDecoder.decode(rewritten, StandardCharsets.UTF_8))
        .isEqualTo("name=Alice&email=[REDACTED:pii.email]&card=**** **** **** 1111");
    assertThat(out.findings()).extracting(FlowFinding::path).containsExactly("$.email", "$.card");
    assertNoValueIn(out.findings(), CARD, EMAIL, EMAIL.replace("@", "%40"));
  }

  @Test
  void binaryBodiesAreSkippedAndCounted() {
    Scanner scanner = Scanner.create(BodyInspector.detectorsFor(PERIMETER), Engine.JAVA);
    BodyInspector counting = new BodyInspector(PERIMETER, scanner, KEY);
    byte[] body = bytes("PK\u0003\u0004 " + CARD);
    InspectOutcome out =
        counting.inspect(
            integration("masking"), DlpDirection.RESPONSE, "application/octet-stream", body);
    assertThat(out.inspected()).isFalse();
    assertThat(out.blocked()).isFalse();
    assertThat(out.body()).isSameAs(body);
    assertThat(scanner.binarySkipped()).isEqualTo(1);
  }

  @Test
  void aDirectionWithoutRulesIsNotScanned() {
    byte[] body = bytes("{\"card\":\"" + CARD + "\"}");
    InspectOutcome out =
        inspector.inspect(
            integration("tokenizing"), DlpDirection.RESPONSE, "application/json", body);
    assertThat(out.inspected()).isFalse();
    assertThat(out.findings()).isEmpty();
    assertThat(out.body()).isSameAs(body);
  }

  @Test
  void aKeyThatIsItselfAValueNeverReachesTheAudit() {
    byte[] body = bytes("{\"" + EMAIL + "\":{\"card\":\"" + CARD + "\"}}");
    InspectOutcome out =
        inspector.inspect(integration("masking"), DlpDirection.REQUEST, "application/json", body);
    assertThat(out.findings()).isNotEmpty();
    assertNoValueIn(out.findings(), CARD, EMAIL);
    assertThat(text(out.body())).doesNotContain(EMAIL).doesNotContain(CARD);
  }

  @Test
  void oversizeBodiesAreBlockedUnlessThePerimeterSaysPass() {
    byte[] big = new byte[5000];
    Arrays.fill(big, (byte) 'a');
    InspectOutcome request =
        inspector.inspect(integration("redacting"), DlpDirection.REQUEST, "text/plain", big);
    assertThat(request.block())
        .isEqualTo(
            new InspectOutcome.Block(
                413, "dlp.body_too_large", "request body exceeds the 4096-byte inspection limit"));
    assertThat(request.body()).isEmpty();
    assertThat(
            inspector
                .tooLarge(integration("redacting"), DlpDirection.RESPONSE, new byte[0])
                .block()
                .status())
        .isEqualTo(502);

    Perimeter passing =
        perimeter(YAML.replace("maxBodyBytes: 4096", "maxBodyBytes: 4096\n  oversize: pass"));
    BodyInspector lenient = BodyInspector.create(passing, KEY);
    InspectOutcome passed =
        lenient.inspect(
            passing.integrations().get("redacting"), DlpDirection.REQUEST, "text/plain", big);
    assertThat(passed.blocked()).isFalse();
    assertThat(passed.inspected()).isFalse();
    assertThat(passed.body()).isSameAs(big);
  }

  @Test
  void encodedBodiesCannotBeInspectedSoTheyAreRefused() {
    byte[] body = {0x1f, (byte) 0x8b, 8, 0};
    InspectOutcome out =
        inspector.inspect(
            integration("redacting"), DlpDirection.RESPONSE, "application/json", "gzip", body);
    assertThat(out.block()).isNotNull();
    assertThat(out.block().reason()).isEqualTo("dlp.encoded_body");
    assertThat(out.block().status()).isEqualTo(502);
    assertThat(
            inspector
                .inspect(
                    integration("redacting"),
                    DlpDirection.RESPONSE,
                    "application/json",
                    "identity",
                    bytes("{}"))
                .blocked())
        .isFalse();
  }

  @Test
  void tokenizeWithoutAKeyIsRefusedAtBuild() {
    assertThatThrownBy(() -> inspector(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BodyInspector.TOKENIZE_KEY_REF);
    assertThatThrownBy(() -> inspector(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    Perimeter noTokenize =
        perimeter(YAML.replace("pii.*: tokenize, custom.employee_id: tokenize", "pii.*: redact"));
    assertThat(BodyInspector.create(noTokenize, null)).isNotNull();
  }

  @Test
  void classesNoDetectorProducesAreReported() {
    Perimeter p =
        perimeter(
            YAML.replace(
                    "restricted: [fin.payment_card]", "restricted: [fin.payment_card, org.payroll]")
                .replace("{fin.payment_card: block, pii.email: alert}", "{org.payroll: block}"));
    assertThat(BodyInspector.create(p, KEY).silentClasses()).containsExactly("org.payroll");
    assertThat(inspector.silentClasses()).isEmpty();
  }
}
