package dev.bulwark.gateway.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.normalize.PathNormalizer;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Upstream;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.App;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each deciding stage alone, on exchanges built by hand (no server, no sockets). */
class StagesTest {
  static final App CRM =
      new App("crm", "V", URI.create("https://crm.example.test/api/"), true, "o", List.of(), false);

  static Exchange exchange(HttpMethod method, String uri, String... headers) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    return Exchange.detached(method, uri, h, "10.0.0.7", "rid");
  }

  static Integration integration(String condition, List<String> scopes, String... routes) {
    List<RouteRule> rules = new java.util.ArrayList<>();
    for (int i = 0; i < routes.length; i++) {
      String[] p = routes[i].split(" ", 2);
      rules.add(new RouteRule("sync#" + i, p[0], p[1]));
    }
    return new Integration(
        "sync",
        "o",
        "c",
        "crm",
        CredentialKind.API_KEY,
        rules,
        condition,
        List.of(),
        scopes,
        UpstreamAuth.NONE);
  }

  // --- Normalize

  @ParameterizedTest
  @CsvSource({
    "Content-Length,4,Transfer-Encoding,chunked,norm.ambiguous_length",
    "Content-Length,4,Content-Length,5,norm.ambiguous_length",
    "Content-Length,'4, 4',X-Other,1,norm.ambiguous_length",
    "Transfer-Encoding,gzip,X-Other,1,norm.bad_request",
    "Transfer-Encoding,chunked,Transfer-Encoding,chunked,norm.bad_request"
  })
  void ambiguousFramingIs400(String h1, String v1, String h2, String v2, String reason) {
    Verdict v =
        new Normalize(new PathNormalizer())
            .decide(exchange(HttpMethod.POST, "/crm/contacts", h1, v1, h2, v2));
    assertThat(v).isInstanceOf(Verdict.Reject.class);
    assertThat(((Verdict.Reject) v).status()).isEqualTo(400);
    assertThat(((Verdict.Reject) v).reason()).isEqualTo(reason);
  }

  @Test
  void normalizeRecordsTheCanonicalTarget() {
    Exchange ex = exchange(HttpMethod.GET, "/crm/a/./b//c/../d?x=%20y", "Content-Length", "0");
    assertThat(new Normalize(new PathNormalizer()).decide(ex)).isSameAs(Verdict.CONTINUE);
    assertThat(ex.appId()).isEqualTo("crm");
    assertThat(ex.path()).isEqualTo("/a/b/d");
    assertThat(ex.encodedPath()).isEqualTo("/a/b/d");
    assertThat(ex.query()).isEqualTo("x=%20y");
  }

  @Test
  void normalizeRefusesEncodedSeparators() {
    Verdict v =
        new Normalize(new PathNormalizer()).decide(exchange(HttpMethod.GET, "/crm/a%2F..%2Fadmin"));
    assertThat(((Verdict.Reject) v).reason()).isEqualTo("norm.encoded_separator");
    assertThat(((Verdict.Reject) v).message()).doesNotContain("admin");
  }

  // --- Route

  @Test
  void routeResolvesKnownAppsOnly() {
    Route route = new Route(Map.of("crm", Upstream.of(CRM)));
    Exchange ok = exchange(HttpMethod.GET, "/crm/x");
    ok.target("crm", "/x", "/x", null);
    assertThat(route.decide(ok)).isSameAs(Verdict.CONTINUE);
    assertThat(ok.upstream().host()).isEqualTo("crm.example.test");
    assertThat(ok.upstream().port()).isEqualTo(443);
    assertThat(ok.upstream().basePath()).isEqualTo("/api");
    assertThat(ok.upstream().tls()).isTrue();

    Exchange nowhere = exchange(HttpMethod.GET, "/erp/x");
    nowhere.target("erp", "/x", "/x", null);
    Verdict v = route.decide(nowhere);
    assertThat(((Verdict.Reject) v).status()).isEqualTo(404);
    assertThat(((Verdict.Reject) v).reason()).isEqualTo("route.unknown_app");
  }

  // --- Authorize

  private static Verdict authorize(Integration integration, Exchange ex) {
    Perimeter perimeter =
        new Perimeter(Map.of(), Map.of("crm", CRM), Map.of(integration.id(), integration));
    ex.principal(new Principal(integration, "ak_1", integration.scopes()));
    return Authorize.compile(perimeter).decide(ex);
  }

  private static Exchange at(HttpMethod method, String path, String... headers) {
    Exchange ex = exchange(method, "/crm" + path, headers);
    ex.target("crm", path, path, null);
    return ex;
  }

  @Test
  void allowedRequestRecordsRuleAndVariables() {
    Integration i = integration(null, List.of(), "GET /contacts/{id}", "POST /contacts");
    Exchange ex = at(HttpMethod.GET, "/contacts/42");
    assertThat(authorize(i, ex)).isSameAs(Verdict.CONTINUE);
    assertThat(ex.ruleId()).isEqualTo("sync#0");
    assertThat(ex.routeVars()).containsEntry("id", "42");
  }

  @Test
  void unlistedRouteOrMethodIsDenied() {
    Integration i = integration(null, List.of(), "GET /contacts/{id}");
    Verdict.Reject path = (Verdict.Reject) authorize(i, at(HttpMethod.GET, "/admin"));
    assertThat(path.status()).isEqualTo(403);
    assertThat(path.reason()).isEqualTo("authz.route_denied");
    Verdict.Reject method = (Verdict.Reject) authorize(i, at(HttpMethod.DELETE, "/contacts/1"));
    assertThat(method.reason()).isEqualTo("authz.route_denied");
  }

  @Test
  void falseConditionDeniesNamingTheRule() {
    Integration i =
        integration(
            "request.method == \"GET\" || \"contacts.write\" in integration.scopes",
            List.of("contacts.read"),
            "GET /contacts/{id}",
            "POST /contacts");
    Verdict.Reject v = (Verdict.Reject) authorize(i, at(HttpMethod.POST, "/contacts"));
    assertThat(v.reason()).isEqualTo("authz.condition_false");
    assertThat(v.rule()).isEqualTo("sync#1");
  }

  @Test
  void conditionsReadHeadersCaseInsensitivelyThroughTheView() {
    Integration i =
        integration("request.headers[\"x-tenant\"] == \"acme\"", List.of(), "GET /contacts/{id}");
    assertThat(authorize(i, at(HttpMethod.GET, "/contacts/1", "X-Tenant", "acme")))
        .isSameAs(Verdict.CONTINUE);
    Verdict other = authorize(i, at(HttpMethod.GET, "/contacts/1", "X-Tenant", "evil"));
    assertThat(((Verdict.Reject) other).reason()).isEqualTo("authz.condition_false");
    Verdict missing = authorize(i, at(HttpMethod.GET, "/contacts/1"));
    assertThat(((Verdict.Reject) missing).reason()).isEqualTo("authz.condition_false");
  }

  @Test
  void headerViewIteratesLowerCaseFirstValues() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("X-A", "1").add("x-a", "2").add("B", "3");
    HeaderView view = new HeaderView(h);
    assertThat(view.get("x-a")).isEqualTo("1");
    assertThat(view).containsExactlyInAnyOrderEntriesOf(Map.of("x-a", "1", "b", "3"));
  }
}
