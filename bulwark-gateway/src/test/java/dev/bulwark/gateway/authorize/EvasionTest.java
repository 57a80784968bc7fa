package dev.bulwark.gateway.authorize;

import static dev.bulwark.gateway.authorize.Perimeters.integration;
import static dev.bulwark.gateway.authorize.Perimeters.perimeter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.gateway.normalize.NormalizedPath;
import dev.bulwark.gateway.normalize.PathNormalizer;
import dev.bulwark.model.Integration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Normalizer and authorizer together, as the pipeline runs them: an integration allowed only {@code
 * GET /public/{rest*}} on app {@code app} must never reach anything else, whatever the encoding
 * tricks; and whenever a request is allowed, what goes upstream decodes to the path that was
 * authorized.
 */
class EvasionTest {
  private static final Integration READER =
      integration("reader", "app", null, "GET /public/{rest*}", "GET /items/{id}");
  private static final Authorizer AUTHORIZER = Authorizer.compile(perimeter(READER));
  private static final PathNormalizer NORMALIZER = new PathNormalizer();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/public/../admin",
        "/app/public/x/../../admin",
        "/app/public/..%2fadmin",
        "/app/public/..%2Fadmin",
        "/app/public/%2e%2e/admin",
        "/app/public/%2e%2e%2fadmin",
        "/app/public/%252e%252e/admin",
        "/app/public/..%5cadmin",
        "/app/public/..\\admin",
        "/app/public/..;/admin",
        "/app/public/%2e%2e;/admin",
        "/app/public/%c0%ae%c0%ae/admin",
        "/app/public/%ef%bc%8e%ef%bc%8e/admin",
        "/app/public/../../other-app/public/x",
        "/app/items/1/../../admin",
        "/app/items/1%2f..%2f..%2fadmin",
        "/app//admin",
        "/app/./admin",
        "/app/ADMIN/../admin",
        "/other-app/public/x",
        "/app/items",
        "/app/items/1/2",
      })
  void attacksNeverReachAnythingButTheGrantedRoutes(String target) {
    NormalizedPath normalized = NORMALIZER.normalize(target);
    if (normalized instanceof NormalizedPath.Ok ok) {
      AuthzResult result = AUTHORIZER.decide(READER, ok.app(), "GET", ok.path(), m -> null);
      assertThat(result.allowed()).as("%s normalized to %s", target, ok.path()).isFalse();
    } else {
      assertThat(((NormalizedPath.Rejected) normalized).reason()).startsWith("norm.");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/public/a",
        "/app/public/a/b/../c",
        "/app//public//a%20b",
        "/app/public/caf%C3%A9/%41",
        "/app/public/a;b",
        "/app/items/42?x=1",
        "/app/items/%34%32",
      })
  void allowedRequestsForwardExactlyTheAuthorizedPath(String target) {
    NormalizedPath.Ok ok = (NormalizedPath.Ok) NORMALIZER.normalize(target);
    AuthzResult result = AUTHORIZER.decide(READER, ok.app(), "GET", ok.path(), m -> null);
    assertThat(result.allowed()).as(target).isTrue();
    // the forwarded form has no dots, no empty segments, and decodes back to the matched path
    assertThat(ok.encodedPath()).doesNotContain("//").doesNotContain("/../").doesNotContain("/./");
    assertThat(java.net.URI.create("http://h" + ok.encodedPath()).getPath()).isEqualTo(ok.path());
    Map<String, String> vars = ((AuthzResult.Allowed) result).vars();
    assertThat(String.join("/", vars.values())).isEqualTo(ok.path().replaceFirst("^/[^/]+/", ""));
  }
}
