package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.Classification;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.DlpAction;
import dev.bulwark.model.DlpDetector;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.DlpRules;
import dev.bulwark.model.DlpSettings;
import dev.bulwark.model.Perimeter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code dlp} sections of perimeter.yaml: what a clean file builds (detectors with their
 * levels, the default policy, each integration's effective policy direction by direction), and the
 * exact {@code file:line:column: path: message} of each kind of mistake.
 */
class DlpConfigTest {
  private static final String FILE = "p.yaml";

  /**
   * Line numbers in the tests below are relative to this text (1-based; the own policy is line 24).
   */
  static final String BASE =
      """
      classification:
        confidential: [pii.email, custom.badge]
        restricted: [fin.payment_card]
      dlp:
        detectors:
          - {id: custom.employee_id, pattern: 'EMP-[0-9]{6}', level: confidential}
          - {id: custom.badge, pattern: 'BADGE-[A-Z]{4}'}
          - {id: custom.ticket, pattern: 'TCK-[0-9]+'}
        default:
          request:  {restricted: block, confidential: alert}
          response: {restricted: redact}
      apps:
        - id: crm
          vendor: Acme
          baseUrl: https://crm.example
          owner: ops@acme.example
      integrations:
        - id: own
          owner: ops@acme.example
          app: crm
          credential: api-key
          routes: [GET /contacts]
          dlp:
            request: {fin.payment_card: block, pii.email: redact, secret.*: tokenize, default: alert}
        - id: plain
          owner: ops@acme.example
          app: crm
          credential: api-key
          routes: [GET /contacts]
        - id: quiet
          owner: ops@acme.example
          app: crm
          credential: api-key
          routes: [GET /contacts]
          dlp:
            request: {}
            response:
      """;

  private static Perimeter clean(String yaml) {
    LoadResult result = PerimeterLoader.parse(FILE, yaml);
    assertThat(result.errors()).isEmpty();
    return result.perimeter();
  }

  private static List<String> errors(String yaml) {
    LoadResult result = PerimeterLoader.parse(FILE, yaml);
    assertThat(result.ok()).as("expected errors for:%n%s", yaml).isFalse();
    return result.errors().stream().map(ConfigError::toString).toList();
  }

  private static void assertOnly(String yaml, String expected) {
    List<String> errors = errors(yaml);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith(FILE + ":" + expected);
  }

  private static String with(String from, String to) {
    assertThat(BASE.split(java.util.regex.Pattern.quote(from), -1))
        .as("exactly one %s in the base text", from)
        .hasSize(2);
    return BASE.replace(from, to);
  }

  @Test
  void detectorsGetTheirLevelFromTheTaxonomyOrTheirOwn() {
    DlpSettings dlp = clean(BASE).dlp();
    assertThat(dlp.detectors())
        .containsExactly(
            new DlpDetector("custom.employee_id", "EMP-[0-9]{6}", Classification.CONFIDENTIAL),
            new DlpDetector("custom.badge", "BADGE-[A-Z]{4}", Classification.CONFIDENTIAL),
            new DlpDetector("custom.ticket", "TCK-[0-9]+", null));
    assertThat(dlp.maxBodyBytes()).isEqualTo(DlpSettings.DEFAULT_MAX_BODY_BYTES);
    assertThat(dlp.oversize()).isEqualTo(DlpAction.BLOCK);
  }

  @Test
  void integrationPolicyReplacesTheDefaultOnlyInTheDirectionsItWrites() {
    Perimeter p = clean(BASE);
    DlpPolicy defaults = p.dlp().defaultPolicy();
    assertThat(defaults.request().levels())
        .containsEntry(Classification.RESTRICTED, DlpAction.BLOCK)
        .containsEntry(Classification.CONFIDENTIAL, DlpAction.ALERT);

    DlpPolicy own = p.integrations().get("own").dlp();
    assertThat(own.request().classes())
        .containsEntry("fin.payment_card", DlpAction.BLOCK)
        .containsEntry("pii.email", DlpAction.REDACT);
    assertThat(own.request().prefixes()).containsEntry("secret.", DlpAction.TOKENIZE);
    assertThat(own.request().fallback()).isEqualTo(DlpAction.ALERT);
    assertThat(own.response()).isEqualTo(defaults.response());

    assertThat(p.integrations().get("plain").dlp()).isEqualTo(defaults);

    DlpPolicy quiet = p.integrations().get("quiet").dlp();
    assertThat(quiet.request()).isEqualTo(DlpRules.NONE);
    assertThat(quiet.response()).isEqualTo(DlpRules.NONE);
  }

  @Test
  void noDlpSectionMeansNothingIsInspected() {
    String yaml =
        """
        classification:
          confidential: [pii.email]
        apps:
          - {id: crm, vendor: Acme, baseUrl: 'https://crm.example', owner: o@x.example}
        integrations:
          - {id: s, owner: o@x.example, app: crm, credential: api-key, routes: [GET /a]}
        """;
    Perimeter p = clean(yaml);
    assertThat(p.dlp()).isEqualTo(DlpSettings.NONE);
    assertThat(p.integrations().get("s").dlp()).isEqualTo(DlpPolicy.NONE);
  }

  @Test
  void limitsAreRead() {
    DlpSettings dlp =
        clean(with("  detectors:\n", "  maxBodyBytes: 65536\n  oversize: pass\n  detectors:\n"))
            .dlp();
    assertThat(dlp.maxBodyBytes()).isEqualTo(65536);
    assertThat(dlp.oversize()).isEqualTo(DlpAction.ALLOW);
  }

  // --- mistakes, each located -------------------------------------------------------------

  @Test
  void unknownActionWithSuggestion() {
    assertOnly(
        with("response: {restricted: redact}", "response: {restricted: redcat}"),
        "11:28: dlp.default.response.restricted: unknown action \"redcat\", did you mean"
            + " \"redact\"? (known: allow, alert, redact, mask, tokenize, block)");
  }

  @Test
  void unknownDataClassKeyWithSuggestion() {
    assertOnly(
        with("pii.email: redact", "pii.emial: redact"),
        "24:42: integrations[0].dlp.request.pii.emial: unknown data class \"pii.emial\"");
    assertThat(errors(with("pii.email: redact", "pii.emial: redact")).get(0))
        .endsWith("did you mean \"pii.email\"?");
  }

  @Test
  void prefixMustMatchSomething() {
    assertOnly(
        with("secret.*: tokenize", "secert.*: tokenize"),
        "24:61: integrations[0].dlp.request.\"secert.*\": class prefix \"secert.*\" matches no"
            + " declared data class, did you mean \"secret.*\"?");
  }

  @Test
  void prefixOfADeclaredFamilyIsFine() {
    Perimeter p = clean(with("secret.*: tokenize", "custom.*: tokenize"));
    assertThat(p.integrations().get("own").dlp().request().prefixes())
        .containsEntry("custom.", DlpAction.TOKENIZE);
  }

  @Test
  void unknownKeyInAPolicy() {
    assertOnly(
        with("      request: {fin", "      requests: {fin"),
        "24:7: integrations[0].dlp.requests: unknown key, did you mean \"request\"?");
  }

  @Test
  void duplicateKeyInADirection() {
    assertOnly(
        with("{restricted: block, confidential: alert}", "{restricted: block, restricted: alert}"),
        "10:35: dlp.default.request.restricted: duplicate key (first at line 10)");
  }

  @Test
  void badRe2PatternIsLocatedAtThePattern() {
    assertOnly(
        with("'TCK-[0-9]+'", "'TCK-([0-9]+'"),
        "8:36: dlp.detectors[2].pattern: invalid RE2 pattern: missing closing )");
  }

  @Test
  void backtrackingSyntaxIsExplained() {
    List<String> errors = errors(with("'TCK-[0-9]+'", "'TCK-(?=[0-9])'"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith(FILE + ":8:36: dlp.detectors[2].pattern: invalid RE2 pattern")
        .endsWith("(RE2 has no lookaround or backreferences: they cannot run in linear time)");
  }

  @Test
  void patternMatchingNothingIsRefused() {
    assertOnly(
        with("'TCK-[0-9]+'", "'[0-9]*'"),
        "8:36: dlp.detectors[2].pattern: pattern matches the empty string");
  }

  @Test
  void unknownLevel() {
    assertOnly(
        with("level: confidential}", "level: secret}"),
        "6:64: dlp.detectors[0].level: unknown classification level \"secret\"");
  }

  @Test
  void levelContradictingTheTaxonomy() {
    assertOnly(
        with("pattern: 'BADGE-[A-Z]{4}'}", "pattern: 'BADGE-[A-Z]{4}', level: public}"),
        "7:60: dlp.detectors[1].level: level public contradicts the taxonomy");
  }

  @Test
  void detectorInABuiltinFamilyIsRefused() {
    assertOnly(
        with("id: custom.ticket", "id: pii.ticket"),
        "8:12: dlp.detectors[2].id: detector id \"pii.ticket\" is in the built-in family \"pii\"");
  }

  @Test
  void duplicateDetector() {
    assertOnly(
        with("id: custom.ticket", "id: custom.badge"),
        "8:12: dlp.detectors[2].id: duplicate detector id \"custom.badge\" (first at line 7)");
  }

  @Test
  void unknownTopLevelDlpKey() {
    assertOnly(
        with("  default:\n", "  defaults:\n"),
        "9:3: dlp.defaults: unknown key, did you mean \"default\"?");
  }

  @Test
  void badLimits() {
    assertOnly(
        with("  detectors:\n", "  maxBodyBytes: 8MiB\n  detectors:\n"),
        "5:17: dlp.maxBodyBytes: expected a whole number of bytes");
    assertOnly(
        with("  detectors:\n", "  oversize: allow\n  detectors:\n"),
        "5:13: dlp.oversize: expected block");
  }

  @Test
  void directionMustBeAMapping() {
    assertOnly(
        with("response: {restricted: redact}", "response: [redact]"),
        "11:15: dlp.default.response: expected a mapping");
  }

  @Test
  void severalMistakesAreAllReported() {
    String yaml =
        with("response: {restricted: redact}", "response: {restricted: redcat}")
            .replace("pii.email: redact", "pii.emial: redact");
    assertThat(errors(yaml)).hasSize(2);
  }
}
