package dev.bulwark.gateway.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathNormalizerTest {
  private static final String ESCAPE = PathNormalizer.PATH_ESCAPE;
  private static final String SEPARATOR = PathNormalizer.ENCODED_SEPARATOR;
  private static final String ENCODING = PathNormalizer.BAD_ENCODING;
  private static final String REQUEST = PathNormalizer.BAD_REQUEST;

  private static final Pattern ENCODED_PATH =
      Pattern.compile("(/([A-Za-z0-9\\-._~!$&'()*+,=:@]|%[0-9A-F]{2})*)+");

  private final PathNormalizer normalizer = new PathNormalizer();

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("/app/x", "app", "/x", "/x"),
        ok("/app", "app", "/", "/"),
        ok("/app/", "app", "/", "/"),
        ok("/app/x/y/z", "app", "/x/y/z", "/x/y/z"),
        // resolved the RFC 3986 way; authorization then judges /admin
        ok("/app/allowed/../admin", "app", "/admin", "/admin"),
        ok("/app/a/b/../../c", "app", "/c", "/c"),
        ok("//app//x", "app", "/x", "/x"),
        ok("/app///x////y", "app", "/x/y", "/x/y"),
        ok("/app/./x", "app", "/x", "/x"),
        ok("/./app/x", "app", "/x", "/x"),
        ok("/app/x/", "app", "/x/", "/x/"),
        ok("/app/x//", "app", "/x/", "/x/"),
        ok("/app/x/.", "app", "/x/", "/x/"),
        ok("/app/x/..", "app", "/", "/"),
        ok("/app/x/./", "app", "/x/", "/x/"),
        ok("/app/...", "app", "/...", "/..."),
        ok("/app/.x/..y", "app", "/.x/..y", "/.x/..y"),
        ok("/app/v59.0/sobjects", "app", "/v59.0/sobjects", "/v59.0/sobjects"),
        ok("/app/v59%2e0", "app", "/v59.0", "/v59.0"),
        ok("/%61pp/x", "app", "/x", "/x"),
        ok("/app/%41", "app", "/A", "/A"),
        ok("/app/a%20b", "app", "/a b", "/a%20b"),
        ok("/app/a%7Bb%7d", "app", "/a{b}", "/a%7Bb%7D"),
        ok("/app/a%3Fb%23c", "app", "/a?b#c", "/a%3Fb%23c"),
        ok("/app/caf%C3%A9", "app", "/caf\u00e9", "/caf%C3%A9"),
        ok("/app/caf%c3%a9", "app", "/caf\u00e9", "/caf%C3%A9"),
        ok("/app/%E6%97%A5%E6%9C%AC", "app", "/\u65e5\u672c", "/%E6%97%A5%E6%9C%AC"),
        ok("/app/%f0%9f%98%80", "app", "/\ud83d\ude00", "/%F0%9F%98%80"),
        ok("/app/100%25", "app", "/100%", "/100%25"),
        // a leftover escape of something harmless passes and is re-encoded, not decoded twice
        ok("/app/%2541", "app", "/%41", "/%2541"),
        // ';' is data in the canonical path and always encoded upstream (no path parameters)
        ok("/app/a;b", "app", "/a;b", "/a%3Bb"),
        ok("/app/a%3Bb", "app", "/a;b", "/a%3Bb"),
        ok("/app/a:b@c!$&'()*+,=~-_", "app", "/a:b@c!$&'()*+,=~-_", "/a:b@c!$&'()*+,=~-_"),
        ok("/app/x?a=1&b=%20", "app", "/x", "/x"),
        ok("/app/x?filter[name]=a/b?c", "app", "/x", "/x"),
        ok("/app?q=1", "app", "/", "/"));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        no("", REQUEST),
        no("*", REQUEST),
        no("http://evil.example/app/x", REQUEST),
        no("app/x", REQUEST),
        no("/", REQUEST),
        no("//", REQUEST),
        no("/./", REQUEST),
        no("/?x=1", REQUEST),
        no("/app/x#frag", REQUEST),
        no("/app/x?a#b", REQUEST),
        no("/app/x".repeat(2000), REQUEST),
        // climbing above the app
        no("/app/..", ESCAPE),
        no("/app/../other", ESCAPE),
        no("/app/../other/x", ESCAPE),
        no("/../app/x", ESCAPE),
        no("/app/x/../../y", ESCAPE),
        no("/app/./../y", ESCAPE),
        // encoded separators and dots
        no("/app/%2e%2e/x", SEPARATOR),
        no("/app/%2E%2E/x", SEPARATOR),
        no("/app/.%2e/x", SEPARATOR),
        no("/app/%2e./x", SEPARATOR),
        no("/app/%2E/x", SEPARATOR),
        no("/app/x/%2e", SEPARATOR),
        no("/app/a%2Fb", SEPARATOR),
        no("/app/a%2fb", SEPARATOR),
        no("/app/..%2f..", SEPARATOR),
        no("/app/a%5Cb", SEPARATOR),
        no("/app/a%5cb", SEPARATOR),
        no("/app/a\\b", SEPARATOR),
        no("/app\\..\\x", SEPARATOR),
        // double encoding: one decode leaves %2e%2e, refused as an evasion attempt
        no("/app/%252e%252e/x", SEPARATOR),
        no("/app/%252f", SEPARATOR),
        no("/app/%255c", SEPARATOR),
        no("/app/%2525", SEPARATOR),
        no("/app/%2500", SEPARATOR),
        no("/app/a%25%32%66b", SEPARATOR),
        // Tomcat-style path parameters on dot segments
        no("/app/..;/admin", SEPARATOR),
        no("/app/x/..;jsessionid=1/admin", SEPARATOR),
        no("/app/.;x/admin", SEPARATOR),
        no("/app/%2e%2e;/admin", SEPARATOR),
        // unicode look-alikes
        no("/app/a%E2%88%95b", SEPARATOR),
        no("/app/a%EF%BC%8Fb", SEPARATOR),
        no("/app/a%EF%BC%BCb", SEPARATOR),
        no("/app/%EF%BC%8E%EF%BC%8E/x", SEPARATOR),
        no("/app/.%EF%BC%8E/x", SEPARATOR),
        no("/app/%E2%80%A5/x", SEPARATOR),
        // bad encodings
        no("/app/%zz", ENCODING),
        no("/app/%G1", ENCODING),
        no("/app/x%2", ENCODING),
        no("/app/x%", ENCODING),
        no("/app/%2/x", ENCODING),
        no("/app/a%00", ENCODING),
        no("/app/a%0d%0aSet-Cookie:x", ENCODING),
        no("/app/a%7f", ENCODING),
        no("/app/%c0%ae", ENCODING),
        no("/app/%c0%ae%c0%ae/x", ENCODING),
        no("/app/%e0%80%ae", ENCODING),
        no("/app/%c1%bf", ENCODING),
        no("/app/%e2%82", ENCODING),
        no("/app/%80", ENCODING),
        no("/app/%ed%a0%80", ENCODING),
        no("/app/%f4%90%80%80", ENCODING),
        no("/app/%f8%88%80%80%80", ENCODING),
        no("/app/%c2%85", ENCODING),
        no("/app/%e2%80%ae", ENCODING),
        no("/app/%e2%80%8b", ENCODING),
        no("/app/caf\u00e9", ENCODING),
        no("/app/\u65e5", ENCODING),
        no("/app/a b", ENCODING),
        no("/app/a\tb", ENCODING),
        no("/app/a\u0000", ENCODING),
        no("/app/a|b", ENCODING),
        no("/app/a<b>", ENCODING),
        no("/app/a\"b", ENCODING),
        no("/app/x?a=%zz", ENCODING),
        no("/app/x?a=%2", ENCODING),
        no("/app/x?a b", ENCODING),
        no("/app/x?a=\u00e9", ENCODING),
        no("/app/x?a=\r\n", ENCODING));
  }

  private static Arguments ok(String target, String app, String path, String encoded) {
    return Arguments.of(target, app, path, encoded);
  }

  private static Arguments no(String target, String reason) {
    return Arguments.of(target, reason);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1} {2}")
  @MethodSource("accepted")
  void accepts(String target, String app, String path, String encoded) {
    NormalizedPath result = normalizer.normalize(target);
    assertThat(result).isInstanceOf(NormalizedPath.Ok.class);
    NormalizedPath.Ok ok = (NormalizedPath.Ok) result;
    assertThat(ok.app()).isEqualTo(app);
    assertThat(ok.path()).isEqualTo(path);
    assertThat(ok.encodedPath()).isEqualTo(encoded);
    assertInvariants(ok);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("refused")
  void refuses(String target, String reason) {
    NormalizedPath result = normalizer.normalize(target);
    assertThat(result).isInstanceOf(NormalizedPath.Rejected.class);
    NormalizedPath.Rejected rejected = (NormalizedPath.Rejected) result;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.detail()).isNotBlank();
  }

  @Test
  void nullIsABadRequest() {
    assertThat(normalizer.normalize(null))
        .isEqualTo(new NormalizedPath.Rejected(REQUEST, "empty request target"));
  }

  @Test
  void keepsTheRawQuery() {
    NormalizedPath.Ok ok = (NormalizedPath.Ok) normalizer.normalize("/app/x/../y?b=%2F&a=1+2");
    assertThat(ok.rawQuery()).isEqualTo("b=%2F&a=1+2");
    assertThat(ok.upstreamTarget()).isEqualTo("/y?b=%2F&a=1+2");

    NormalizedPath.Ok empty = (NormalizedPath.Ok) normalizer.normalize("/app/x?");
    assertThat(empty.rawQuery()).isEmpty();
    assertThat(empty.upstreamTarget()).isEqualTo("/x?");

    NormalizedPath.Ok none = (NormalizedPath.Ok) normalizer.normalize("/app/x");
    assertThat(none.rawQuery()).isNull();
    assertThat(none.upstreamTarget()).isEqualTo("/x");
  }

  @Test
  void refusalsDoNotEchoTheTarget() {
    NormalizedPath.Rejected r =
        (NormalizedPath.Rejected) normalizer.normalize("/app/secret-token-abc%zz");
    assertThat(r.detail()).doesNotContain("secret-token-abc").contains("offset 21");
  }

  @Test
  void utf8ValidatorFollowsTheUnicodeTable() {
    assertThat(PathNormalizer.utf8Error(bytes(0xF0, 0x90, 0x80, 0x80), 4)).isEqualTo(-1);
    assertThat(PathNormalizer.utf8Error(bytes(0xF4, 0x8F, 0xBF, 0xBF), 4)).isEqualTo(-1);
    assertThat(PathNormalizer.utf8Error(bytes(0xEF, 0xBF, 0xBD), 3)).isEqualTo(-1);
    assertThat(PathNormalizer.utf8Error(bytes(0x41, 0xF0, 0x8F, 0xBF, 0xBF), 5)).isEqualTo(1);
    assertThat(PathNormalizer.utf8Error(bytes(0x41, 0xE2, 0x82), 3)).isEqualTo(1);
    assertThat(PathNormalizer.utf8Error(bytes(0xC3, 0x28), 2)).isZero();
    assertThat(PathNormalizer.utf8Error(bytes(0xFF), 1)).isZero();
  }

  /**
   * Fuzz: random strings heavy in the characters that matter never make the normalizer throw, and
   * every accepted path is canonical, safe to forward, and a fixed point.
   */
  @Test
  void randomTargetsNeverThrowAndOkPathsAreCanonical() {
    String[] pieces = {
      "/",
      "/",
      "/",
      ".",
      ".",
      "..",
      "%",
      "%2e",
      "%2E",
      "%2f",
      "%2F",
      "%5c",
      "%25",
      "%00",
      "%c0",
      "%ae",
      "%c3%a9",
      "%e2%88%95",
      "%ef%bc%8e",
      ";",
      "\\",
      "?",
      "#",
      "a",
      "b",
      "app",
      "2",
      "e",
      "f",
      "5",
      "c",
      " ",
      "\u00e9",
      "~",
      ":",
      "@",
      "+",
      "=",
      "%zz",
      "%2",
      "//",
      "/./",
      "/../"
    };
    Random random = new Random(20261124L);
    int accepted = 0;
    for (int run = 0; run < 200_000; run++) {
      String target;
      if (run % 4 == 0) {
        // raw random bytes, seen as Latin-1 chars the way Netty hands over a request line
        byte[] b = new byte[1 + random.nextInt(24)];
        random.nextBytes(b);
        target = "/" + new String(b, StandardCharsets.ISO_8859_1);
      } else {
        StringBuilder sb = new StringBuilder(run % 3 == 0 ? "" : "/app");
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
          sb.append(pieces[random.nextInt(pieces.length)]);
        }
        target = sb.toString();
      }
      NormalizedPath result = normalizer.normalize(target);
      if (result instanceof NormalizedPath.Ok ok) {
        accepted++;
        assertInvariants(ok);
      } else if (!((NormalizedPath.Rejected) result).reason().startsWith("norm.")) {
        throw new AssertionError("unexpected " + result);
      }
    }
    assertThat(accepted).as("the fuzz must also reach the accepting paths").isGreaterThan(10_000);
  }

  /**
   * What every accepted path must satisfy. Plain checks rather than AssertJ chains: the fuzz calls
   * this tens of thousands of times.
   */
  private void assertInvariants(NormalizedPath.Ok ok) {
    String path = ok.path();
    check(!ok.app().isEmpty() && ok.app().indexOf('/') < 0, "app is one segment", ok);
    check(path.startsWith("/") && !path.contains("//"), "path starts with / and has no //", ok);
    String lower = path.toLowerCase(Locale.ROOT);
    check(
        !lower.contains("%2f") && !lower.contains("%5c") && path.indexOf('\\') < 0,
        "no encoded or raw separators left",
        ok);
    for (String segment : path.substring(1).split("/", -1)) {
      check(!segment.equals(".") && !segment.equals(".."), "no dot segment", ok);
    }
    String encoded = ok.encodedPath();
    check(ENCODED_PATH.matcher(encoded).matches(), "encoded path is pchar-only", ok);
    check(percentDecode(encoded).equals(path), "encoded path decodes to the path", ok);
    // a fixed point: normalizing what we forward (below the same app) changes nothing
    StringBuilder again = new StringBuilder("/");
    PathNormalizer.encodeSegment(ok.app(), again);
    NormalizedPath second = normalizer.normalize(again + encoded);
    check(
        second.equals(new NormalizedPath.Ok(ok.app(), path, null, encoded)),
        "re-normalizing the forwarded path is a fixed point, got " + second,
        ok);
  }

  private static void check(boolean condition, String what, NormalizedPath.Ok ok) {
    if (!condition) {
      throw new AssertionError(what + ": " + ok);
    }
  }

  private static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
