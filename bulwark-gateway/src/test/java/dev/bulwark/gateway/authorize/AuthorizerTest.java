package dev.bulwark.gateway.authorize;

import static dev.bulwark.gateway.authorize.Perimeters.integration;
import static dev.bulwark.gateway.authorize.Perimeters.perimeter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.model.Integration;
import dev.bulwark.model.policy.RequestAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  private static final Integration SYNC =
      integration(
          "sync",
          "salesforce",
          null,
          "GET /sobjects/Contact/{id}",
          "POST /sobjects/Contact",
          "GET /query/{rest*}");
  private static final Integration GUARDED =
      integration(
          "guarded",
          "salesforce",
          "request.method == 'GET' && request.vars['id'].startsWith('003')"
              + " && request.headers['x-tenant'] == 'acme'",
          "GET /sobjects/Contact/{id}",
          "POST /sobjects/Contact");

  private final Authorizer authorizer = Authorizer.compile(perimeter(SYNC, GUARDED));
  private final AtomicInteger attributeCalls = new AtomicInteger();

  private Function<RouteMatch, RequestAttributes> attrs(Map<String, String> headers) {
    return match -> {
      attributeCalls.incrementAndGet();
      return new RequestAttributes(
          "GET",
          "/sobjects/Contact/" + match.vars().get("id"),
          match.vars(),
          Map.of(),
          headers,
          "127.0.0.1",
          Instant.now(),
          "guarded",
          List.of());
    };
  }

  @Test
  void allowsADeclaredRouteWithoutBuildingAttributes() {
    AuthzResult result =
        authorizer.decide(SYNC, "salesforce", "GET", "/sobjects/Contact/003", attrs(Map.of()));
    assertThat(result).isInstanceOf(AuthzResult.Allowed.class);
    AuthzResult.Allowed allowed = (AuthzResult.Allowed) result;
    assertThat(allowed.allowed()).isTrue();
    assertThat(allowed.rule().id()).isEqualTo("sync#0");
    assertThat(allowed.vars()).isEqualTo(Map.of("id", "003"));
    assertThat(attributeCalls).hasValue(0);
  }

  @Test
  void deniesAnotherApp() {
    assertThat(authorizer.decide(SYNC, "github", "GET", "/sobjects/Contact/003", attrs(Map.of())))
        .isEqualTo(
            new AuthzResult.Denied(
                AuthzResult.APP_DENIED,
                null,
                "integration 'sync' may not call app 'github'",
                null));
  }

  @Test
  void deniesByDefault() {
    AuthzResult.Denied denied =
        (AuthzResult.Denied)
            authorizer.decide(
                SYNC, "salesforce", "DELETE", "/sobjects/Contact/003", attrs(Map.of()));
    assertThat(denied.reason()).isEqualTo(AuthzResult.ROUTE_DENIED);
    assertThat(denied.ruleId()).isNull();
    assertThat(denied.message()).contains("sync").contains("DELETE");

    assertThat(authorizer.decide(SYNC, "salesforce", "GET", "/admin", attrs(Map.of())))
        .extracting(r -> ((AuthzResult.Denied) r).reason())
        .isEqualTo(AuthzResult.ROUTE_DENIED);
    // what the normalizer makes of /salesforce/sobjects/Contact/../../admin
    assertThat(authorizer.decide(SYNC, "salesforce", "GET", "/admin", attrs(Map.of())).allowed())
        .isFalse();
  }

  @Test
  void deniesAnIntegrationMissingFromThePerimeter() {
    Integration stranger =
        integration("stranger", "salesforce", null, "GET /sobjects/Contact/{id}");
    AuthzResult.Denied denied =
        (AuthzResult.Denied)
            authorizer.decide(
                stranger, "salesforce", "GET", "/sobjects/Contact/003", attrs(Map.of()));
    assertThat(denied.reason()).isEqualTo(AuthzResult.ROUTE_DENIED);
    assertThat(denied.message()).contains("not in the active perimeter");
  }

  @Test
  void conditionTrueAllows() {
    AuthzResult result =
        authorizer.decide(
            GUARDED,
            "salesforce",
            "GET",
            "/sobjects/Contact/003",
            attrs(Map.of("x-tenant", "acme")));
    assertThat(result.allowed()).isTrue();
    assertThat(attributeCalls).hasValue(1);
  }

  @Test
  void conditionFalseDeniesNamingTheRule() {
    AuthzResult.Denied denied =
        (AuthzResult.Denied)
            authorizer.decide(
                GUARDED,
                "salesforce",
                "GET",
                "/sobjects/Contact/001",
                attrs(Map.of("x-tenant", "acme")));
    assertThat(denied.reason()).isEqualTo(AuthzResult.CONDITION_FALSE);
    assertThat(denied.ruleId()).isEqualTo("guarded#0");
    assertThat(denied.message()).isEqualTo("condition of integration 'guarded' is false");
    assertThat(denied.diagnostic()).isNull();
  }

  @Test
  void conditionErrorFailsClosedWithADiagnostic() {
    AuthzResult.Denied denied =
        (AuthzResult.Denied)
            authorizer.decide(
                GUARDED, "salesforce", "GET", "/sobjects/Contact/003", attrs(Map.of()));
    assertThat(denied.reason()).isEqualTo(AuthzResult.CONDITION_FALSE);
    assertThat(denied.ruleId()).isEqualTo("guarded#0");
    assertThat(denied.message()).contains("could not be evaluated");
    assertThat(denied.diagnostic()).contains("x-tenant");
  }

  @Test
  void conditionIsNotEvaluatedWhenNoRouteMatches() {
    AuthzResult.Denied denied =
        (AuthzResult.Denied)
            authorizer.decide(GUARDED, "salesforce", "GET", "/other", attrs(Map.of()));
    assertThat(denied.reason()).isEqualTo(AuthzResult.ROUTE_DENIED);
    assertThat(attributeCalls).hasValue(0);
  }

  @Test
  void invalidConditionNamesTheIntegration() {
    Integration bad = integration("bad", "salesforce", "request.method", "GET /x");
    assertThatThrownBy(() -> Authorizer.compile(perimeter(bad)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad'")
        .hasMessageContaining("bool");
  }

  @Test
  void blankConditionMeansNone() {
    Integration blank = integration("blank", "salesforce", "  ", "GET /x");
    Authorizer a = Authorizer.compile(perimeter(blank));
    assertThat(a.decide(blank, "salesforce", "GET", "/x", attrs(Map.of())).allowed()).isTrue();
    assertThat(attributeCalls).hasValue(0);
  }
}
