package dev.bulwark.gateway.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Connection",
        "keep-alive",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade",
        "Proxy-Authorization",
        "proxy-authenticate",
        "Proxy-Connection"
      })
  void hopByHop(String name) {
    assertThat(HeaderRules.hopByHop(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Content-Type", "Accept", "Content-Length", "Proxy", "Tex", "Cookie"})
  void endToEnd(String name) {
    assertThat(HeaderRules.hopByHop(name)).isFalse();
  }

  @Test
  void callerCredentials() {
    assertThat(HeaderRules.callerCredential("authorization")).isTrue();
    assertThat(HeaderRules.callerCredential("X-API-KEY")).isTrue();
    assertThat(HeaderRules.callerCredential("Cookie")).isTrue();
    assertThat(HeaderRules.callerCredential("Accept")).isFalse();
  }

  @Test
  void connectionTokens() {
    assertThat(HeaderRules.namedIn("keep-alive, X-Hop ,Foo", "x-hop")).isTrue();
    assertThat(HeaderRules.namedIn("keep-alive, X-Hop ,Foo", "foo")).isTrue();
    assertThat(HeaderRules.namedIn("keep-alive, X-Hop", "X-Ho")).isFalse();
  }

  @Test
  void requestCopyDropsHopByHopCredentialsHostAndNamedHeaders() {
    MultiMap in = HeadersMultiMap.httpHeaders();
    in.add("Host", "gateway")
        .add("Authorization", "Bearer bwk_x")
        .add("X-Api-Key", "bwk_y")
        .add("Cookie", "s=1")
        .add("Connection", "close, X-Hop")
        .add("X-Hop", "1")
        .add("Keep-Alive", "timeout=5")
        .add("Transfer-Encoding", "chunked")
        .add("Proxy-Authorization", "Basic x")
        .add("X-Request-Id", "theirs")
        .add("Accept", "application/json")
        .add("Content-Type", "application/json")
        .add("X-Multi", "a")
        .add("X-Multi", "b");
    MultiMap out = HeadersMultiMap.httpHeaders();
    Forwarder.copyRequestHeaders(in, out);
    assertThat(out.names()).containsExactlyInAnyOrder("Accept", "Content-Type", "X-Multi");
    assertThat(out.getAll("X-Multi")).containsExactly("a", "b");
  }

  @Test
  void responseCopyDropsHopByHop() {
    MultiMap in = MultiMap.caseInsensitiveMultiMap();
    in.add("Connection", "X-Secret-Hop")
        .add("X-Secret-Hop", "1")
        .add("Keep-Alive", "timeout=5")
        .add("Upgrade", "h2c")
        .add("Proxy-Authenticate", "Basic")
        .add("Set-Cookie", "a=b")
        .add("Content-Length", "12");
    MultiMap out = HeadersMultiMap.httpHeaders();
    ResponseRelay.copyResponseHeaders(in, out);
    assertThat(out.names()).containsExactlyInAnyOrder("Set-Cookie", "Content-Length");
  }

  @Test
  void requestIds() {
    assertThat(RequestIds.decide("abc-123")).isEqualTo("abc-123");
    assertThat(RequestIds.decide("bad id\r\nX: y")).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(RequestIds.decide(null)).matches("[0-9a-f]{16}");
    assertThat(RequestIds.fresh()).isNotEqualTo(RequestIds.fresh());
  }
}
