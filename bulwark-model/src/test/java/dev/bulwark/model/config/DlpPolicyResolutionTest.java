package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.Classification;
import dev.bulwark.model.DlpAction;
import dev.bulwark.model.DlpRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which rule decides a finding: the class itself, then the longest prefix, then the level, then
 * {@code default}, then allow. One YAML direction map, read by the loader, asked about each kind of
 * class.
 */
class DlpPolicyResolutionTest {
  private static final String YAML =
      """
      classification:
        internal: [org.directory]
        confidential: [pii.email, pii.phone, secret.jwt]
        restricted: [fin.payment_card, fin.iban]
      apps:
        - {id: crm, vendor: Acme, baseUrl: 'https://crm.example', owner: o@x.example}
      integrations:
        - id: s
          owner: o@x.example
          app: crm
          credential: api-key
          routes: [GET /a]
          dlp:
            request:
              fin.payment_card: mask
              fin.*: tokenize
              secret.*: block
              secret.jwt: alert
              pii.email: redact
              confidential: redact
              restricted: block
              internal: allow
              default: alert
            response:
              restricted: block
      """;

  private static final DlpRules REQUEST = rules().request();

  private static dev.bulwark.model.DlpPolicy rules() {
    LoadResult result = PerimeterLoader.parse("p.yaml", YAML);
    assertThat(result.errors()).isEmpty();
    return result.perimeter().integrations().get("s").dlp();
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        // the class itself beats its prefix and its level
        "fin.payment_card, restricted, mask",
        "secret.jwt, confidential, alert",
        "pii.email, confidential, redact",
        // a prefix beats the level
        "fin.iban, restricted, tokenize",
        "secret.github_token, none, block",
        // the level when no class or prefix rule names it
        "pii.phone, confidential, redact",
        "org.directory, internal, allow",
        // default for what nothing names, including classes with no known level
        "pii.ipv4, none, alert",
        "custom.badge, public, alert",
      })
  void mostSpecificRuleWins(String dataClass, String level, String action) {
    Classification c = level == null ? null : Classification.valueOf(level.toUpperCase());
    assertThat(REQUEST.actionFor(dataClass, c)).isEqualTo(DlpAction.valueOf(action.toUpperCase()));
  }

  @Test
  void prefixIsMatchedOnWholeSegments() {
    DlpRules rules =
        new DlpRules(
            java.util.Map.of(),
            java.util.Map.of("fin.", DlpAction.BLOCK, "fin.card.", DlpAction.MASK),
            java.util.Map.of(),
            null);
    assertThat(rules.actionFor("fin.card.visa", null)).isEqualTo(DlpAction.MASK);
    assertThat(rules.actionFor("fin.iban", null)).isEqualTo(DlpAction.BLOCK);
    assertThat(rules.actionFor("finance.x", null)).isEqualTo(DlpAction.ALLOW);
  }

  @Test
  void withoutDefaultAnUnnamedClassIsAllowedAndAnEmptyDirectionIsNotInspected() {
    DlpRules response = rules().response();
    assertThat(response.actionFor("pii.email", Classification.CONFIDENTIAL))
        .isEqualTo(DlpAction.ALLOW);
    assertThat(response.actionFor("fin.iban", Classification.RESTRICTED))
        .isEqualTo(DlpAction.BLOCK);
    assertThat(response.isEmpty()).isFalse();
    assertThat(DlpRules.NONE.isEmpty()).isTrue();
  }
}
