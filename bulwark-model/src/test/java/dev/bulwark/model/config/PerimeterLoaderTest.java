package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.App;
import dev.bulwark.model.Classification;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.DataClass;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.model.UpstreamAuth.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole files: a clean one using every key, and one with several mistakes at once. */
class PerimeterLoaderTest {

  static Path resource(String name) {
    try {
      return Path.of(PerimeterLoaderTest.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void richExampleLoadsToTheExpectedRecords() {
    LoadResult result = PerimeterLoader.load(resource("rich.yaml"));

    assertThat(result.errors()).isEmpty();
    assertThat(result.ok()).isTrue();
    Perimeter perimeter = result.perimeter();

    assertThat(perimeter.dataClasses().values())
        .containsExactly(
            new DataClass("marketing.content", Classification.PUBLIC, ""),
            new DataClass("org.directory", Classification.INTERNAL, "Employee directory"),
            new DataClass("pii.email", Classification.CONFIDENTIAL, ""),
            new DataClass("pii.phone", Classification.CONFIDENTIAL, ""),
            new DataClass("fin.payment_card", Classification.RESTRICTED, ""),
            new DataClass(
                "secret.credential", Classification.RESTRICTED, "Passwords, tokens and keys"));

    assertThat(perimeter.apps().values())
        .containsExactly(
            new App(
                "salesforce",
                "Salesforce",
                URI.create("https://acme.my.salesforce.com"),
                true,
                "sales-ops@acme.example",
                List.of("pii.email", "pii.phone"),
                false),
            new App(
                "legacy-crm",
                "In-house",
                URI.create("http://crm.internal.example:8081/api"),
                false,
                "it@acme.example",
                List.of("org.directory"),
                true),
            new App(
                "stripe",
                "Stripe",
                URI.create("https://api.stripe.com"),
                true,
                "finance@acme.example",
                List.of("fin.payment_card", "pii.email"),
                false));

    assertThat(perimeter.integrations().values())
        .containsExactly(
            new Integration(
                "hubspot-lead-sync",
                "revops@acme.example",
                "HubSpot workflow \"Lead sync\"",
                "salesforce",
                CredentialKind.API_KEY,
                List.of(
                    new RouteRule(
                        "hubspot-lead-sync#0", "GET", "/services/data/v59.0/sobjects/Contact/{id}"),
                    new RouteRule(
                        "create-contact", "POST", "/services/data/v59.0/sobjects/Contact"),
                    new RouteRule(
                        "hubspot-lead-sync#2", "GET", "/services/data/v59.0/query/{rest*}")),
                "request.method == \"GET\" || \"contacts.write\" in integration.scopes",
                List.of("pii.email"),
                List.of("contacts.read"),
                new UpstreamAuth(
                    Kind.BEARER, "salesforce/lead-sync-token", null, null, null, null)),
            new Integration(
                "directory-export",
                "it@acme.example",
                null,
                "legacy-crm",
                CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
                List.of(new RouteRule("directory-export#0", "*", "/people/{rest*}")),
                null,
                List.of(),
                List.of(),
                new UpstreamAuth(
                    Kind.API_KEY_HEADER, "legacy/api-key", "X-Api-Key", null, null, null)),
            new Integration(
                "billing.reports",
                "finance@acme.example",
                "Nightly report job",
                "stripe",
                CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
                List.of(new RouteRule("list-charges", "GET", "/v1/charges")),
                null,
                List.of("fin.payment_card"),
                List.of(),
                new UpstreamAuth(
                    Kind.OAUTH2_CLIENT_CREDENTIALS,
                    "stripe/client-secret",
                    null,
                    URI.create("https://connect.stripe.com/oauth/token"),
                    "ca_123",
                    "read_only reports")),
            new Integration(
                "basic-job",
                "it@acme.example",
                null,
                "stripe",
                CredentialKind.API_KEY,
                List.of(
                    new RouteRule("basic-job#0", "HEAD", "/v1/balance"),
                    new RouteRule("basic-job#1", "OPTIONS", "/")),
                null,
                List.of(),
                List.of(),
                new UpstreamAuth(Kind.BASIC, "stripe/basic", null, null, null, null)));
  }

  @Test
  void anIntegrationWithoutUpstreamGetsNone() {
    LoadResult result =
        PerimeterLoader.parse(
            "p.yaml",
            """
            classification: {}
            apps: [{id: a, vendor: V, baseUrl: "https://a.example", owner: o}]
            integrations:
              - {id: i, owner: o, app: a, credential: api-key, routes: ["GET /x"]}
            """);
    assertThat(result.errors()).isEmpty();
    assertThat(result.perimeter().integrations().get("i").upstream()).isEqualTo(UpstreamAuth.NONE);
    assertThat(result.perimeter().apps().get("a").sanctioned()).isFalse();
  }

  @Test
  void everyMistakeInAFileIsReportedInFileOrder() {
    Path file = resource("several-errors.yaml");
    LoadResult result = PerimeterLoader.load(file);

    assertThat(result.ok()).isFalse();
    assertThat(result.perimeter()).isNull();
    assertThat(result.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo(file.toString()));
    assertThat(result.errors())
        .extracting(e -> e.line() + ":" + e.column() + ": " + e.message())
        .containsExactly(
            "7:14: apps[0].baseUrl: plain http is refused: use https, or set insecureTransit: true"
                + " on the app to accept unencrypted traffic",
            "13:10: integrations[0].app: unknown app \"crn\", did you mean \"crm\"? (known: crm)",
            "16:23: integrations[0].routes[0]: invalid path template: unclosed '{' at index 10 of"
                + " path template \"/contacts/{id\"",
            "19:7: integrations[0].upstream: missing required key \"secret\" for kind bearer",
            "20:7: integrations[0].upstream.secert: unknown key, did you mean \"secret\"? (allowed:"
                + " kind, secret, header, tokenUrl, clientId, scope)");
  }

  @Test
  void windowsLineEndingsGiveTheSamePositions() throws java.io.IOException {
    String lf = java.nio.file.Files.readString(resource("several-errors.yaml"));
    List<ConfigError> fromLf = PerimeterLoader.parse("f.yaml", lf).errors();
    List<ConfigError> fromCrlf = PerimeterLoader.parse("f.yaml", lf.replace("\n", "\r\n")).errors();
    assertThat(fromLf).hasSize(5);
    assertThat(fromCrlf).isEqualTo(fromLf);
  }

  @Test
  void errorsPrintAsFileLineColumnMessage() {
    LoadResult result = PerimeterLoader.parse("perimeter.yaml", "apps: 3\n");
    assertThat(result.errors())
        .extracting(ConfigError::toString)
        .containsExactly(
            "perimeter.yaml:1:1: top level: missing required key \"classification\"",
            "perimeter.yaml:1:7: apps: expected a list, got the number \"3\"");
  }
}
