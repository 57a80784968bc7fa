package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of mistake in perimeter.yaml: each breaks one thing in a clean file and checks
 * the exact {@code file:line:column: path: message} of the error, so the position is proven, not
 * just the fact that something failed.
 */
class PerimeterLoaderErrorsTest {
  private static final String FILE = "p.yaml";

  /** Clean. Line numbers below are relative to this text (1-based). */
  private static final String VALID =
      """
      classification:
        confidential: [pii.email, pii.phone]
      apps:
        - id: crm
          vendor: Acme
          baseUrl: https://crm.example
          owner: ops@acme.example
          dataClasses: [pii.email]
      integrations:
        - id: sync
          owner: ops@acme.example
          app: crm
          credential: api-key
          routes: [GET /contacts]
      """;

  private static String with(String from, String to) {
    assertThat(VALID.split(java.util.regex.Pattern.quote(from), -1))
        .as("exactly one %s in the base text", from)
        .hasSize(2);
    return VALID.replace(from, to);
  }

  /** VALID with lines appended to the integration (they start at line 15). */
  private static String integrationPlus(String lines) {
    return VALID + lines;
  }

  private static List<String> errors(String yaml) {
    LoadResult result = PerimeterLoader.parse(FILE, yaml);
    assertThat(result.ok()).as("expected errors for:%n%s", yaml).isFalse();
    assertThat(result.perimeter()).isNull();
    return result.errors().stream().map(ConfigError::toString).toList();
  }

  /** Exactly one error, starting with {@code expected} (which holds line and column). */
  private static void assertOnly(String yaml, String expected) {
    List<String> errors = errors(yaml);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith(FILE + ":" + expected);
  }

  @Test
  void theBaseIsClean() {
    LoadResult result = PerimeterLoader.parse(FILE, VALID);
    assertThat(result.errors()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(result.perimeter().integrations()).containsOnlyKeys("sync");
  }

  // --- YAML itself -------------------------------------------------------------------------

  @Test
  void yamlSyntaxErrorIsOneErrorAtItsMark() {
    assertOnly(
        with("confidential: [pii.email, pii.phone]", "confidential: [pii.email, pii.phone"),
        "3:5: YAML syntax error: expected ',' or ']'");
  }

  @Test
  void tabIndentationIsASyntaxError() {
    assertOnly(with("  - id: sync", "\t- id: sync"), "10:1: YAML syntax error: found character");
  }

  @Test
  void specialCharacterIsLocated() {
    assertOnly(
        with("vendor: Acme", "vendor: Ac\u0001me"),
        "5:15: YAML syntax error: special character U+0001 is not allowed");
  }

  @Test
  void severalDocumentsAreRefused() {
    assertOnly(VALID + "---\napps: []\n", "15:1: YAML syntax error: but found another document");
  }

  @Test
  void emptyFile() {
    assertOnly("", "1:1: file is empty");
    assertOnly("# only a comment\n", "1:1: file is empty");
  }

  @Test
  void topLevelMustBeAMapping() {
    assertOnly("- apps\n", "1:1: top level: expected a mapping (key: value), got a list");
  }

  @Test
  void duplicateYamlKey() {
    assertOnly(
        with("    vendor: Acme\n", "    vendor: Acme\n    vendor: Other\n"),
        "6:5: apps[0].vendor: duplicate key (first at line 5)");
  }

  // --- keys --------------------------------------------------------------------------------

  @Test
  void unknownTopLevelKeyWithSuggestion() {
    assertOnly(
        with("integrations:", "integration:"),
        "9:1: integration: unknown key, did you mean \"integrations\"? (allowed: classification,"
            + " dlp, apps, integrations)");
  }

  @Test
  void unknownNestedKeyWithSuggestion() {
    assertOnly(
        with("    vendor: Acme\n", "    vendor: Acme\n    sanctoned: true\n"),
        "6:5: apps[0].sanctoned: unknown key, did you mean \"sanctioned\"?");
  }

  @Test
  void unknownKeyFarFromAnyNameHasNoSuggestion() {
    assertOnly(
        integrationPlus("    colour: blue\n"),
        "15:5: integrations[0].colour: unknown key (allowed: id, owner, caller, app, credential,");
  }

  @Test
  void unknownClassificationLevel() {
    assertOnly(
        with("classification:\n", "classification:\n  publc: [x.y]\n"),
        "2:3: classification.publc: unknown key, did you mean \"public\"?");
  }

  @Test
  void missingRequiredKeyIsReportedAtItsMapping() {
    assertOnly(with("    vendor: Acme\n", ""), "4:5: apps[0]: missing required key \"vendor\"");
  }

  @Test
  void missingRequiredTopLevelSection() {
    assertOnly("classification: {}\n", "1:1: top level: missing required key \"apps\"");
  }

  @Test
  void missingValue() {
    assertOnly(with("vendor: Acme", "vendor:"), "5:5: apps[0].vendor: missing value");
  }

  // --- types -------------------------------------------------------------------------------

  @Test
  void stringExpectedGotList() {
    assertOnly(
        with("owner: ops@acme.example\n    dataClasses", "owner: [ops]\n    dataClasses"),
        "7:12: apps[0].owner: expected a string, got a list");
  }

  @Test
  void listExpectedGotString() {
    assertOnly(
        with("dataClasses: [pii.email]", "dataClasses: pii.email"),
        "8:18: apps[0].dataClasses: expected a list, got the string \"pii.email\"");
  }

  @Test
  void mappingExpectedGotString() {
    assertOnly(
        integrationPlus("    upstream: bearer\n"),
        "15:15: integrations[0].upstream: expected a mapping (key: value), got the string"
            + " \"bearer\"");
  }

  @Test
  void booleanExpectedGotString() {
    assertOnly(
        with("    vendor: Acme\n", "    vendor: Acme\n    sanctioned: yes\n"),
        "6:17: apps[0].sanctioned: expected a boolean (true or false), got the string \"yes\"");
  }

  @Test
  void stringExpectedGotBoolean() {
    assertOnly(
        with("vendor: Acme", "vendor: true"),
        "5:13: apps[0].vendor: expected a string, got the boolean true");
  }

  @Test
  void taxonomyEntryOfWrongShape() {
    assertOnly(
        with("[pii.email, pii.phone]", "[pii.email, pii.phone, [x]]"),
        "2:40: classification.confidential[2]: expected a data class id or {id, description}, got"
            + " a list");
  }

  // --- ids ---------------------------------------------------------------------------------

  @Test
  void badIdShape() {
    assertOnly(
        with("- id: sync", "- id: Sync_Job"),
        "10:9: integrations[0].id: invalid integration id \"Sync_Job\", expected lower-case");
  }

  @Test
  void duplicateAppId() {
    assertOnly(
        with(
            "    dataClasses: [pii.email]\n",
            "    dataClasses: [pii.email]\n  - id: crm\n    vendor: B\n    baseUrl: https://b.example\n"
                + "    owner: b\n"),
        "9:9: apps[1].id: duplicate app id \"crm\" (first at line 4)");
  }

  @Test
  void duplicateIntegrationId() {
    assertOnly(
        integrationPlus(
            "  - id: sync\n    owner: o\n    app: crm\n    credential: api-key\n"
                + "    routes: [GET /x]\n"),
        "15:9: integrations[1].id: duplicate integration id \"sync\" (first at line 10)");
  }

  @Test
  void duplicateDataClassIdAcrossLevels() {
    assertOnly(
        with("classification:\n", "classification:\n  public: [pii.phone]\n"),
        "3:29: classification.confidential[1]: duplicate data class id \"pii.phone\" (first at"
            + " line 2)");
  }

  @Test
  void duplicateRouteIdAcrossIntegrations() {
    String yaml =
        with(
            "    routes: [GET /contacts]\n",
            "    routes:\n      - {id: read, method: GET, path: /a}\n"
                + "      - {id: read, method: GET, path: /b}\n");
    assertOnly(
        yaml,
        "16:14: integrations[0].routes[1].id: duplicate route id \"read\" (first at line 15)");
  }

  // --- references --------------------------------------------------------------------------

  @Test
  void danglingApp() {
    assertOnly(
        with("app: crm", "app: crn"),
        "12:10: integrations[0].app: unknown app \"crn\", did you mean \"crm\"? (known: crm)");
  }

  @Test
  void danglingDataClassInApp() {
    assertOnly(
        with("dataClasses: [pii.email]", "dataClasses: [pii.emial]"),
        "8:19: apps[0].dataClasses[0]: unknown data class \"pii.emial\", did you mean"
            + " \"pii.email\"? (known: pii.email, pii.phone)");
  }

  @Test
  void danglingDataClassInIntegration() {
    assertOnly(
        integrationPlus("    dataClasses: [fin.card]\n"),
        "15:19: integrations[0].dataClasses[0]: unknown data class \"fin.card\" (known: pii.email,"
            + " pii.phone)");
  }

  @Test
  void integrationDataClassNotHeldByItsApp() {
    assertOnly(
        integrationPlus("    dataClasses: [pii.phone]\n"),
        "15:19: integrations[0].dataClasses[0]: data class \"pii.phone\" is not held by app"
            + " \"crm\" (app holds: pii.email)");
  }

  @Test
  void dataClassListedTwice() {
    assertOnly(
        with("dataClasses: [pii.email]", "dataClasses: [pii.email, pii.email]"),
        "8:30: apps[0].dataClasses[1]: \"pii.email\" is listed twice (first at line 8)");
  }

  // --- URLs --------------------------------------------------------------------------------

  @Test
  void plainHttpRefusedWithoutInsecureTransit() {
    assertOnly(
        with("https://crm.example", "http://crm.example"),
        "6:14: apps[0].baseUrl: plain http is refused: use https, or set insecureTransit: true");
  }

  @Test
  void plainHttpAcceptedWithInsecureTransit() {
    LoadResult result =
        PerimeterLoader.parse(
            FILE,
            with(
                "    baseUrl: https://crm.example\n",
                "    baseUrl: http://crm.example\n    insecureTransit: true\n"));
    assertThat(result.errors()).isEmpty();
    assertThat(result.perimeter().apps().get("crm").insecureTransit()).isTrue();
  }

  @Test
  void relativeBaseUrl() {
    assertOnly(
        with("https://crm.example", "crm.example/api"),
        "6:14: apps[0].baseUrl: expected an absolute http or https URL");
  }

  @Test
  void otherSchemeRefused() {
    assertOnly(
        with("https://crm.example", "ftp://crm.example"),
        "6:14: apps[0].baseUrl: expected an absolute http or https URL");
  }

  @Test
  void baseUrlWithQuery() {
    assertOnly(
        with("https://crm.example", "https://crm.example/api?v=1"),
        "6:14: apps[0].baseUrl: must not have a query string");
  }

  @Test
  void baseUrlWithFragment() {
    assertOnly(
        with("https://crm.example", "https://crm.example/#top"),
        "6:14: apps[0].baseUrl: must not have a fragment");
  }

  @Test
  void baseUrlWithUserInfoIsRefusedWithoutEchoingIt() {
    List<String> errors = errors(with("https://crm.example", "https://admin:hunter2@crm.example"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith(FILE + ":6:14: apps[0].baseUrl: must not carry user info");
    assertThat(errors.get(0)).doesNotContain("hunter2");
  }

  @Test
  void baseUrlWithoutHost() {
    assertOnly(
        with("https://crm.example", "https:///api"),
        "6:14: apps[0].baseUrl: has no valid host name");
  }

  @Test
  void urlSyntaxErrorPointsAtTheCharacter() {
    // The '%' is character 21 of the value, which starts in column 14.
    assertOnly(
        with("https://crm.example", "https://crm.example/a%zz"),
        "6:35: apps[0].baseUrl: invalid URL: Malformed escape pair at character 21");
  }

  @Test
  void tokenUrlMustBeHttps() {
    assertOnly(
        integrationPlus(
            "    upstream:\n      kind: oauth2-client-credentials\n      secret: crm/client\n"
                + "      tokenUrl: http://crm.example/token\n      clientId: abc\n"),
        "18:17: integrations[0].upstream.tokenUrl: must be https: the client secret is sent to it");
  }

  // --- kinds -------------------------------------------------------------------------------

  @Test
  void unknownCredentialKind() {
    assertOnly(
        with("credential: api-key", "credential: apikey"),
        "13:17: integrations[0].credential: unknown credential kind \"apikey\", did you mean"
            + " \"api-key\"? (known: api-key, oauth2-client-credentials)");
  }

  @Test
  void unknownUpstreamKind() {
    assertOnly(
        integrationPlus("    upstream: {kind: beare, secret: crm/token}\n"),
        "15:22: integrations[0].upstream.kind: unknown upstream kind \"beare\", did you mean"
            + " \"bearer\"?");
  }

  @Test
  void upstreamKindNeedsItsSecret() {
    assertOnly(
        integrationPlus("    upstream: {kind: bearer}\n"),
        "15:15: integrations[0].upstream: missing required key \"secret\" for kind bearer");
  }

  @Test
  void apiKeyHeaderNeedsItsHeader() {
    assertOnly(
        integrationPlus("    upstream: {kind: api-key-header, secret: crm/key}\n"),
        "15:15: integrations[0].upstream: missing required key \"header\" for kind"
            + " api-key-header");
  }

  @Test
  void oauth2NeedsTokenUrlAndClientId() {
    List<String> errors =
        errors(
            integrationPlus(
                "    upstream:\n      kind: oauth2-client-credentials\n      secret: crm/s\n"));
    assertThat(errors)
        .containsExactly(
            FILE
                + ":16:7: integrations[0].upstream: missing required key \"tokenUrl\" for kind"
                + " oauth2-client-credentials",
            FILE
                + ":16:7: integrations[0].upstream: missing required key \"clientId\" for kind"
                + " oauth2-client-credentials");
  }

  @Test
  void keyOfAnotherUpstreamKindIsRefused() {
    assertOnly(
        integrationPlus("    upstream: {kind: bearer, secret: crm/token, header: X-Key}\n"),
        "15:49: integrations[0].upstream.header: not allowed for kind bearer (only for"
            + " api-key-header)");
  }

  @Test
  void kindNoneTakesNoSecret() {
    assertOnly(
        integrationPlus("    upstream: {kind: none, secret: crm/token}\n"),
        "15:28: integrations[0].upstream.secret: not allowed for kind none (only for bearer,"
            + " basic, api-key-header, oauth2-client-credentials)");
  }

  @Test
  void secretThatIsNotAVaultReferenceIsNotEchoed() {
    List<String> errors =
        errors(integrationPlus("    upstream: {kind: bearer, secret: \"sk_live 4eC39HqLyjWD\"}\n"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith(FILE + ":15:38: integrations[0].upstream.secret: expected a vault reference")
        .doesNotContain("sk_live")
        .doesNotContain("4eC39HqLyjWD");
  }

  @Test
  void headerThatFramesTheRequestIsRefused() {
    assertOnly(
        integrationPlus(
            "    upstream: {kind: api-key-header, secret: crm/key, header: Content-Length}\n"),
        "15:63: integrations[0].upstream.header: header \"Content-Length\" frames the request");
  }

  // --- routes ------------------------------------------------------------------------------

  @Test
  void badHttpMethod() {
    assertOnly(
        with("[GET /contacts]", "[GIT /contacts]"),
        "14:14: integrations[0].routes[0]: unknown HTTP method \"GIT\", did you mean \"GET\"?"
            + " (allowed: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, *)");
  }

  @Test
  void badHttpMethodInLongForm() {
    assertOnly(
        with("[GET /contacts]", "[{method: FETCH, path: /a}]"),
        "14:23: integrations[0].routes[0].method: unknown HTTP method \"FETCH\"");
  }

  @Test
  void shortFormNeedsTwoWords() {
    assertOnly(
        with("[GET /contacts]", "[GET]"),
        "14:14: integrations[0].routes[0]: expected \"METHOD /path/template\" (two words");
    assertOnly(
        with("[GET /contacts]", "[GET /a /b]"),
        "14:14: integrations[0].routes[0]: expected \"METHOD /path/template\" (two words");
  }

  @Test
  void longFormNeedsAPath() {
    assertOnly(
        with("[GET /contacts]", "[{method: GET}]"),
        "14:14: integrations[0].routes[0]: missing required key \"path\"");
  }

  @Test
  void routesMayNotBeEmpty() {
    assertOnly(
        with("[GET /contacts]", "[]"),
        "14:13: integrations[0].routes: expected at least one route");
  }

  @Test
  void badTemplateInShortFormPointsAtTheCharacter() {
    // "      - GET /contacts/{id": the template starts in column 13; its '{' is character 10.
    assertOnly(
        with("    routes: [GET /contacts]\n", "    routes:\n      - GET /contacts/{id\n"),
        "15:23: integrations[0].routes[0]: invalid path template: unclosed '{'");
  }

  @Test
  void badTemplateInQuotedLongFormPointsAtTheCharacter() {
    // "      - {method: GET, path: \"/a//b\"}": the value's quote is column 29, so its first
    // character is column 30, and the second '/' of "//" is character 3 of the value.
    assertOnly(
        with(
            "    routes: [GET /contacts]\n",
            "    routes:\n      - {method: GET, path: \"/a//b\"}\n"),
        "15:33: integrations[0].routes[0].path: invalid path template: empty segment");
  }

  @Test
  void templateWithRestNotLast() {
    assertOnly(
        with("[GET /contacts]", "[\"GET /files/{rest*}/meta\"]"),
        "14:26: integrations[0].routes[0]: invalid path template: a {name*} variable must be the"
            + " last segment");
  }

  // --- condition and scopes ----------------------------------------------------------------

  @Test
  void celSyntaxErrorIsPlacedInTheExpression() {
    // The expression starts in column 17; CEL finds the end of input at its column 27.
    assertOnly(
        integrationPlus("    condition: 'request.method == \"GET\" &&'\n"),
        "15:43: integrations[0].condition: invalid CEL condition: ");
  }

  @Test
  void celTypeErrorIsReported() {
    List<String> errors = errors(integrationPlus("    condition: 'request.method == 1'\n"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith(FILE + ":15:")
        .contains("integrations[0].condition: invalid CEL condition: ");
  }

  @Test
  void celUnknownVariableIsReported() {
    List<String> errors = errors(integrationPlus("    condition: 'user.name == \"x\"'\n"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .startsWith(FILE + ":15:17: integrations[0].condition: invalid CEL condition: ")
        .contains("known variables: request.method, request.path");
  }

  @Test
  void badScope() {
    assertOnly(
        integrationPlus("    scopes: [contacts.read, \"two words\"]\n"),
        "15:29: integrations[0].scopes[1]: invalid scope \"two words\"");
  }

  @Test
  void duplicateScope() {
    assertOnly(
        integrationPlus("    scopes: [contacts.read, contacts.read]\n"),
        "15:29: integrations[0].scopes[1]: \"contacts.read\" is listed twice (first at line 15)");
  }

  // --- files -------------------------------------------------------------------------------

  @Test
  void missingFile(@TempDir Path dir) {
    Path file = dir.resolve("perimeter.yaml");
    LoadResult result = PerimeterLoader.load(file);
    assertThat(result.errors())
        .extracting(ConfigError::toString)
        .containsExactly(file + ":1:1: file not found");
  }

  @Test
  void notUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("perimeter.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    LoadResult result = PerimeterLoader.load(file);
    assertThat(result.errors())
        .extracting(ConfigError::toString)
        .containsExactly(file + ":1:1: file is not valid UTF-8");
  }
}
