package dev.bulwark.gateway.authorize;

import static dev.bulwark.gateway.authorize.Perimeters.integration;
import static dev.bulwark.gateway.authorize.Perimeters.perimeter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.model.Integration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table =
      RouteTable.compile(
          perimeter(
              integration(
                  "sync",
                  "salesforce",
                  null,
                  "GET /services/data/v59.0/sobjects/Contact/{id}", // #0
                  "POST /services/data/v59.0/sobjects/Contact", // #1
                  "GET /services/data/v59.0/query/{rest*}", // #2
                  "GET /services/data/v59.0/sobjects/Contact/describe", // #3
                  "* /status", // #4
                  "GET /", // #5
                  "GET /a/{x}/c", // #6
                  "GET /a/b/d", // #7
                  "DELETE /users/{user}/keys/{key}", // #8
                  "GET /files/{path*}", // #9
                  "GET /files/{dir}/meta", // #10
                  "* /both", // #11
                  "PUT /both", // #12
                  "GET /h/{rest*}", // #13
                  "GET /h/{x}/z"), // #14
              integration("other", "salesforce", null, "GET /only")));

  private Optional<RouteMatch> match(String method, String path) {
    return table.match("sync", method, path);
  }

  private String ruleOf(String method, String path) {
    return match(method, path).map(m -> m.rule().id()).orElse(null);
  }

  @Test
  void literalBeatsVariable() {
    assertThat(ruleOf("GET", "/services/data/v59.0/sobjects/Contact/describe")).isEqualTo("sync#3");
    RouteMatch byId = match("GET", "/services/data/v59.0/sobjects/Contact/003xx").orElseThrow();
    assertThat(byId.rule().id()).isEqualTo("sync#0");
    assertThat(byId.vars()).isEqualTo(Map.of("id", "003xx"));
  }

  @Test
  void variableBeatsRest() {
    assertThat(ruleOf("GET", "/files/docs/meta")).isEqualTo("sync#10");
    RouteMatch rest = match("GET", "/files/docs/other").orElseThrow();
    assertThat(rest.rule().id()).isEqualTo("sync#9");
    assertThat(rest.vars()).isEqualTo(Map.of("path", "docs/other"));
    assertThat(ruleOf("GET", "/h/y/z")).isEqualTo("sync#14");
    assertThat(ruleOf("GET", "/h/y/w")).isEqualTo("sync#13");
  }

  @Test
  void backtracksFromALiteralDeadEnd() {
    assertThat(ruleOf("GET", "/a/b/d")).isEqualTo("sync#7");
    RouteMatch viaVariable = match("GET", "/a/b/c").orElseThrow();
    assertThat(viaVariable.rule().id()).isEqualTo("sync#6");
    assertThat(viaVariable.vars()).isEqualTo(Map.of("x", "b"));
    assertThat(match("GET", "/a/b/e")).isEmpty();
  }

  @Test
  void restMatchesOneOrMoreSegments() {
    RouteMatch m = match("GET", "/services/data/v59.0/query/a/b c/d").orElseThrow();
    assertThat(m.rule().id()).isEqualTo("sync#2");
    assertThat(m.vars()).isEqualTo(Map.of("rest", "a/b c/d"));
    assertThat(match("GET", "/services/data/v59.0/query/x").orElseThrow().vars())
        .isEqualTo(Map.of("rest", "x"));
    assertThat(match("GET", "/services/data/v59.0/query")).isEmpty();
    assertThat(match("GET", "/services/data/v59.0/query/")).isEmpty();
  }

  @Test
  void trailingSlashOnlyMatchesARest() {
    assertThat(match("GET", "/services/data/v59.0/sobjects/Contact/003/")).isEmpty();
    assertThat(match("POST", "/services/data/v59.0/sobjects/Contact/")).isEmpty();
    assertThat(match("GET", "/services/data/v59.0/query/a/").orElseThrow().vars())
        .isEqualTo(Map.of("rest", "a/"));
  }

  @Test
  void methodsMustMatch() {
    assertThat(ruleOf("POST", "/services/data/v59.0/sobjects/Contact")).isEqualTo("sync#1");
    assertThat(match("GET", "/services/data/v59.0/sobjects/Contact")).isEmpty();
    assertThat(match("DELETE", "/services/data/v59.0/sobjects/Contact/003")).isEmpty();
    assertThat(match("get", "/services/data/v59.0/sobjects/Contact/003")).isEmpty();
    assertThat(match("HEAD", "/services/data/v59.0/sobjects/Contact/003")).isEmpty();
  }

  @Test
  void starMethodMatchesAnyButExactWins() {
    for (String method : List.of("GET", "POST", "DELETE", "PATCH", "OPTIONS")) {
      assertThat(ruleOf(method, "/status")).as(method).isEqualTo("sync#4");
    }
    assertThat(ruleOf("PUT", "/both")).isEqualTo("sync#12");
    assertThat(ruleOf("GET", "/both")).isEqualTo("sync#11");
  }

  @Test
  void rootTemplateMatchesOnlyTheRoot() {
    assertThat(ruleOf("GET", "/")).isEqualTo("sync#5");
    assertThat(match("GET", "/nothing")).isEmpty();
  }

  @Test
  void bindsSeveralVariablesInOrder() {
    RouteMatch m = match("DELETE", "/users/u1/keys/k2").orElseThrow();
    assertThat(m.vars()).containsExactly(Map.entry("user", "u1"), Map.entry("key", "k2"));
  }

  @Test
  void unknownIntegrationAndOtherIntegrationsRulesDoNotMatch() {
    assertThat(table.match("nobody", "GET", "/status")).isEmpty();
    assertThat(table.match("other", "GET", "/status")).isEmpty();
    assertThat(table.match("other", "GET", "/only")).isPresent();
    assertThat(table.match("sync", "GET", "/only")).isEmpty();
  }

  @Test
  void malformedPathsDoNotMatch() {
    assertThat(match("GET", "")).isEmpty();
    assertThat(match("GET", "status")).isEmpty();
    assertThat(table.match("sync", "GET", null)).isEmpty();
  }

  @Test
  void invalidTemplateNamesTheRule() {
    assertThatThrownBy(
            () -> RouteTable.compile(perimeter(integration("bad", "app", null, "GET /a//b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad#0")
        .hasMessageContaining("index 3");
  }

  /**
   * 10,000 integrations of 6 rules each: built once, then every integration matched; a lookup
   * touches one trie, so the count of integrations does not matter.
   */
  @Test
  void tenThousandIntegrations() {
    int n = 10_000;
    List<Integration> integrations = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      integrations.add(
          integration(
              "int-" + i,
              "app-" + (i % 50),
              null,
              "GET /api/v1/customers/{id}",
              "POST /api/v1/customers",
              "GET /api/v1/tenants/t" + i + "/reports/{report}",
              "GET /api/v1/search/{rest*}",
              "DELETE /api/v1/customers/{id}/notes/{note}",
              "* /health"));
    }
    long t0 = System.nanoTime();
    RouteTable big = RouteTable.compile(perimeter(integrations.toArray(Integration[]::new)));
    long built = System.nanoTime() - t0;

    long t1 = System.nanoTime();
    int hits = 0;
    for (int i = 0; i < n; i++) {
      String id = "int-" + i;
      hits += big.match(id, "GET", "/api/v1/customers/c" + i).isPresent() ? 1 : 0;
      hits += big.match(id, "GET", "/api/v1/tenants/t" + i + "/reports/r1").isPresent() ? 1 : 0;
      // another tenant's literal is not reachable
      hits +=
          big.match(id, "GET", "/api/v1/tenants/t" + (i + 1) + "/reports/r1").isPresent() ? 1 : 0;
      hits += big.match(id, "DELETE", "/api/v1/customers/c/notes/n").isPresent() ? 1 : 0;
      hits += big.match(id, "PUT", "/api/v1/customers/c").isPresent() ? 1 : 0;
    }
    long matched = System.nanoTime() - t1;
    assertThat(hits).isEqualTo(3 * n);
    assertThat(big.match("int-9999", "GET", "/api/v1/search/a/b").orElseThrow().vars())
        .isEqualTo(Map.of("rest", "a/b"));
    System.out.printf(
        "RouteTable: built %d integrations in %d ms; %d matches in %d ms (%.0f ns/match)%n",
        n, built / 1_000_000, 5 * n, matched / 1_000_000, matched / (5.0 * n));
    // generous bounds: these catch an accidental scan over all rules, not a slow machine
    assertThat(built / 1_000_000).isLessThan(10_000);
    assertThat(matched / 1_000_000).isLessThan(10_000);
  }
}
