package dev.bulwark.gateway.forward;

import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides which headers stop at the gateway.
 *
 * <p>Hop-by-hop headers (RFC 9110 §7.6.1, RFC 7230 §6.1) describe one connection, not the message:
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade}, and the {@code Proxy-*} family. Forwarding them would
 * let a caller steer the upstream connection (or smuggle a second framing), so they are dropped in
 * both directions. The caller's own credentials ({@code Authorization}, {@code X-Api-Key}, {@code
 * Cookie}) are dropped on the way up whatever the broker decides: the SaaS must only ever see the
 * credential Bulwark injects.
 *
 * <p>Compared by length first, then case-insensitively without allocating: this runs for every
 * header of every request.
 */
final class HeaderRules {
  static final AsciiString CONNECTION = AsciiString.cached("connection");
  static final AsciiString HOST = AsciiString.cached("host");
  static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
  static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
  private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
  private static final AsciiString TE = AsciiString.cached("te");
  private static final AsciiString TRAILER = AsciiString.cached("trailer");
  private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
  private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
  private static final AsciiString PROXY_ = AsciiString.cached("proxy-");
  private static final AsciiString AUTHORIZATION = AsciiString.cached("authorization");
  private static final AsciiString X_API_KEY = AsciiString.cached("x-api-key");
  private static final AsciiString COOKIE = AsciiString.cached("cookie");

  private HeaderRules() {}

  /** Whether {@code name} is hop-by-hop by definition (not counting names listed in Connection). */
  static boolean hopByHop(CharSequence name) {
    switch (name.length()) {
      case 2:
        return is(name, TE);
      case 7:
        return is(name, TRAILER) || is(name, UPGRADE);
      case 10:
        return is(name, CONNECTION) || is(name, KEEP_ALIVE);
      case 17:
        return is(name, TRANSFER_ENCODING);
      default:
        return name.length() > 6 && startsWithIgnoreCase(name, PROXY_);
    }
  }

  /** Whether {@code name} carries the caller's own credential to Bulwark. */
  static boolean callerCredential(CharSequence name) {
    switch (name.length()) {
      case 6:
        return is(name, COOKIE);
      case 9:
        return is(name, X_API_KEY);
      case 13:
        return is(name, AUTHORIZATION);
      default:
        return false;
    }
  }

  /** Whether {@code name} is one of the comma-separated tokens of a Connection header value. */
  static boolean namedIn(CharSequence connectionValue, CharSequence name) {
    int n = connectionValue.length();
    int i = 0;
    while (i < n) {
      while (i < n && (connectionValue.charAt(i) == ' ' || connectionValue.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && connectionValue.charAt(i) != ',') {
        i++;
      }
      int end = i;
      while (end > start && connectionValue.charAt(end - 1) == ' ') {
        end--;
      }
      if (end - start == name.length() && regionMatches(connectionValue, start, name)) {
        return true;
      }
    }
    return false;
  }

  static boolean is(CharSequence a, AsciiString b) {
    return AsciiString.contentEqualsIgnoreCase(a, b);
  }

  private static boolean startsWithIgnoreCase(CharSequence s, AsciiString prefix) {
    return regionMatches(s, 0, prefix);
  }

  private static boolean regionMatches(CharSequence s, int from, CharSequence what) {
    if (s.length() - from < what.length()) {
      return false;
    }
    for (int k = 0; k < what.length(); k++) {
      char a = s.charAt(from + k);
      char b = what.charAt(k);
      if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
        return false;
      }
    }
    return true;
  }

  /** Which headers pass in one direction, given the message's own {@code Connection} value. */
  @FunctionalInterface
  interface Passes {
    boolean test(CharSequence name, String connection);
  }

  /**
   * Copies the headers of {@code from} that {@code passes} into {@code to}; over Vert.x's own
   * multimap without converting names or values to Strings.
   */
  static void copy(MultiMap from, MultiMap to, Passes passes) {
    String connection = from.get(CONNECTION);
    if (from instanceof HeadersMultiMap fast) {
      Iterator<Map.Entry<CharSequence, CharSequence>> it = fast.iteratorCharSequence();
      while (it.hasNext()) {
        Map.Entry<CharSequence, CharSequence> h = it.next();
        if (passes.test(h.getKey(), connection)) {
          to.add(h.getKey(), h.getValue());
        }
      }
    } else {
      for (Map.Entry<String, String> h : from) {
        if (passes.test(h.getKey(), connection)) {
          to.add(h.getKey(), h.getValue());
        }
      }
    }
  }
}
