package dev.bulwark.gateway.normalize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a raw HTTP request-target to one canonical path below an app, or refuses it.
 *
 * <p>Input: the request-target exactly as received (origin-form {@code /app/path?query}). Output:
 * {@link NormalizedPath.Ok} with the app, the canonical decoded path that authorization matches,
 * the raw query, and the re-encoded path that is the only thing forwarded upstream; or {@link
 * NormalizedPath.Rejected} with a stable {@code norm.*} reason.
 *
 * <p>Rules, in the spirit of RFC 3986 §6.2 (equivalence) and §5.2.4 (remove_dot_segments), and
 * always refusing rather than guessing:
 *
 * <ul>
 *   <li>Only origin-form; asterisk- and absolute-form are {@code norm.bad_request}.
 *   <li>Percent-decoding happens exactly once, per segment, after splitting on raw {@code /}.
 *       Malformed escapes ({@code %G1}, {@code %2}), invalid UTF-8 (truncated, overlong such as
 *       {@code %C0%AE}, surrogates), control and format characters (raw or encoded), and raw
 *       non-ASCII are {@code norm.bad_encoding}: a client must percent-encode UTF-8.
 *   <li>Anything that could act as a separator after someone else's decoding is {@code
 *       norm.encoded_separator}: {@code %2F}, {@code %5C}, a raw backslash, a segment that is
 *       {@code .} or {@code ..} only after decoding ({@code %2e}, {@code .%2E}), a dot segment with
 *       {@code ;} parameters ({@code ..;} — Tomcat-style path parameters), double encoding of a
 *       dot, slash, backslash, percent or control ({@code %252e} decodes once to {@code %2e}), and
 *       Unicode look-alikes of slashes and dots (fullwidth solidus, division slash, fullwidth full
 *       stop segments) that NFKC-normalising upstreams would turn into separators.
 *   <li>Empty segments collapse ({@code //}); {@code .} segments are removed; {@code ..} removes
 *       the previous segment, and climbing above the app segment is {@code norm.path_escape}.
 * </ul>
 *
 * <p>Decision on {@code /app/allowed/../admin}: it is resolved (to {@code /admin} below {@code
 * app}) as RFC 3986 does, and authorization then judges {@code /admin}. That is safe because the
 * upstream never sees the dots: it receives {@link NormalizedPath.Ok#encodedPath()}, built from the
 * canonical segments, so what was authorized and what is forwarded cannot differ.
 *
 * <p>A trailing slash is kept ({@code /app/x/} has path {@code /x/}): RFC 3986 treats {@code /x/}
 * and {@code /x} as different resources, and route templates have no trailing slash, so such a
 * request is only allowed by a {@code {name*}} template. {@code /app} and {@code /app/} both have
 * path {@code /}.
 *
 * <p>Cost: a target made only of safe characters with no dot or empty segment (the common case) is
 * checked in one pass and yields substrings of the input; only other targets take the decoding
 * path. Thread-safe and stateless.
 */
public final class PathNormalizer {
  public static final String BAD_ENCODING = "norm.bad_encoding";
  public static final String ENCODED_SEPARATOR = "norm.encoded_separator";
  public static final String PATH_ESCAPE = "norm.path_escape";
  public static final String BAD_REQUEST = "norm.bad_request";

  /** Longer targets are refused; Netty's default request-line limit is 4096 anyway. */
  public static final int MAX_TARGET_LENGTH = 8192;

  /** RFC 3986 pchar minus pct-encoded: unreserved / sub-delims / ":" / "@". */
  private static final boolean[] PCHAR = new boolean[128];

  /**
   * pchar that we forward unencoded: all but {@code ;}, which servlet containers treat as a
   * path-parameter delimiter ({@code /admin;x} reaching {@code /admin}).
   */
  private static final boolean[] SAFE = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      PCHAR[c] = true;
      PCHAR[c - 'a' + 'A'] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      PCHAR[c] = true;
    }
    for (char c : "-._~!$&'()*+,;=:@".toCharArray()) {
      PCHAR[c] = true;
    }
    System.arraycopy(PCHAR, 0, SAFE, 0, 128);
    SAFE[';'] = false;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** Normalizes one raw request-target. Never throws. */
  public NormalizedPath normalize(String rawTarget) {
    if (rawTarget == null || rawTarget.isEmpty()) {
      return new NormalizedPath.Rejected(BAD_REQUEST, "empty request target");
    }
    if (rawTarget.length() > MAX_TARGET_LENGTH) {
      return new NormalizedPath.Rejected(
          BAD_REQUEST, "request target longer than " + MAX_TARGET_LENGTH + " characters");
    }
    if (rawTarget.charAt(0) != '/') {
      return new NormalizedPath.Rejected(
          BAD_REQUEST, "only origin-form request targets (\"/{app}/...\") are accepted");
    }
    int q = rawTarget.indexOf('?');
    int end = q < 0 ? rawTarget.length() : q;
    String rawQuery = null;
    if (q >= 0) {
      NormalizedPath.Rejected bad = checkQuery(rawTarget, q + 1);
      if (bad != null) {
        return bad;
      }
      rawQuery = rawTarget.substring(q + 1);
    }
    if (isPlain(rawTarget, end)) {
      return plain(rawTarget, end, rawQuery);
    }
    try {
      return decoded(rawTarget, end, rawQuery);
    } catch (Refusal r) {
      return new NormalizedPath.Rejected(r.reason, r.getMessage());
    }
  }

  /**
   * True when the path is already canonical and safe to forward as is: only SAFE characters, a
   * non-empty app segment, no empty segment except a final one, no dot segment.
   */
  private static boolean isPlain(String raw, int end) {
    int segStart = 1;
    for (int i = 1; i <= end; i++) {
      char c = i < end ? raw.charAt(i) : '/';
      if (c == '/') {
        int len = i - segStart;
        if (len == 0 && (i < end || segStart == 1)) {
          return false;
        }
        if (len == 1 && raw.charAt(segStart) == '.'
            || len == 2 && raw.charAt(segStart) == '.' && raw.charAt(segStart + 1) == '.') {
          return false;
        }
        segStart = i + 1;
      } else if (c >= 128 || !SAFE[c]) {
        return false;
      }
    }
    return true;
  }

  private static NormalizedPath plain(String raw, int end, String rawQuery) {
    int appEnd = raw.indexOf('/', 1);
    if (appEnd < 0 || appEnd > end) {
      appEnd = end;
    }
    String app = raw.substring(1, appEnd);
    String path = appEnd == end ? "/" : raw.substring(appEnd, end);
    return new NormalizedPath.Ok(app, path, rawQuery, path);
  }

  private static NormalizedPath decoded(String raw, int end, String rawQuery) {
    List<String> segments = new ArrayList<>(8);
    boolean trailingSlash = false;
    int segStart = 1;
    for (int i = 1; i <= end; i++) {
      if (i < end && raw.charAt(i) != '/') {
        continue;
      }
      boolean last = i == end;
      if (i == segStart) {
        // empty segment: '//' collapses; a final empty one means the path ends with '/'
        trailingSlash |= last;
      } else {
        String segment = decodeSegment(raw, segStart, i);
        boolean encoded = containsPercent(raw, segStart, i);
        trailingSlash = resolve(segments, segment, encoded, segStart) && last;
      }
      segStart = i + 1;
    }
    if (segments.isEmpty()) {
      throw new Refusal(BAD_REQUEST, "missing app segment (\"/{app}/...\")");
    }
    String app = segments.get(0);
    if (segments.size() == 1) {
      return new NormalizedPath.Ok(app, "/", rawQuery, "/");
    }
    StringBuilder path = new StringBuilder(end);
    StringBuilder encodedPath = new StringBuilder(end + 16);
    for (int s = 1; s < segments.size(); s++) {
      path.append('/').append(segments.get(s));
      encodedPath.append('/');
      encodeSegment(segments.get(s), encodedPath);
    }
    if (trailingSlash) {
      path.append('/');
      encodedPath.append('/');
    }
    return new NormalizedPath.Ok(app, path.toString(), rawQuery, encodedPath.toString());
  }

  /**
   * Applies one decoded segment to the output stack (RFC 3986 §5.2.4).
   *
   * @return true when the segment was a dot segment (so a path ending here ends with '/')
   */
  private static boolean resolve(List<String> out, String segment, boolean encoded, int offset) {
    boolean dot = segment.equals(".");
    boolean dotDot = segment.equals("..");
    if ((dot || dotDot) && encoded) {
      throw new Refusal(ENCODED_SEPARATOR, "percent-encoded dot segment at offset " + offset);
    }
    int semicolon = segment.indexOf(';');
    if (semicolon == 1 && segment.charAt(0) == '.' || semicolon == 2 && segment.startsWith("..")) {
      throw new Refusal(ENCODED_SEPARATOR, "dot segment with ';' parameters at offset " + offset);
    }
    if (dot) {
      return true;
    }
    if (dotDot) {
      if (out.size() <= 1) {
        throw new Refusal(PATH_ESCAPE, "'..' climbs above the app segment at offset " + offset);
      }
      out.remove(out.size() - 1);
      return true;
    }
    out.add(segment);
    return false;
  }

  private static boolean containsPercent(String raw, int start, int end) {
    for (int i = start; i < end; i++) {
      if (raw.charAt(i) == '%') {
        return true;
      }
    }
    return false;
  }

  /** Checks the raw characters of one segment and percent-decodes it once. */
  private static String decodeSegment(String raw, int start, int end) {
    boolean escaped = false;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= end || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          throw new Refusal(BAD_ENCODING, "malformed percent-escape at offset " + i);
        }
        escaped = true;
        i += 2;
      } else {
        checkRawChar(c, i);
      }
    }
    if (!escaped) {
      return raw.substring(start, end);
    }
    byte[] bytes = new byte[end - start];
    int n = 0;
    boolean nonAscii = false;
    for (int i = start; i < end; i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes[n++] = (byte) c;
        continue;
      }
      int b = hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2));
      if (b == '/' || b == '\\') {
        throw new Refusal(ENCODED_SEPARATOR, "encoded slash or backslash at offset " + i);
      }
      if (b < 0x20 || b == 0x7f) {
        throw new Refusal(BAD_ENCODING, "encoded control character at offset " + i);
      }
      nonAscii |= b >= 0x80;
      bytes[n++] = (byte) b;
      i += 2;
    }
    if (nonAscii) {
      int bad = utf8Error(bytes, n);
      if (bad >= 0) {
        throw new Refusal(
            BAD_ENCODING,
            "invalid UTF-8 (truncated, overlong or surrogate) in segment at offset " + start);
      }
    }
    String segment = new String(bytes, 0, n, StandardCharsets.UTF_8);
    if (nonAscii) {
      checkUnicode(segment, start);
    }
    if (segment.indexOf('%') >= 0) {
      checkDoubleEncoding(segment, start);
    }
    return segment;
  }

  private static void checkRawChar(char c, int i) {
    if (c < 128 && PCHAR[c]) {
      return;
    }
    if (c == '\\') {
      throw new Refusal(ENCODED_SEPARATOR, "backslash at offset " + i);
    }
    if (c == '#') {
      throw new Refusal(BAD_REQUEST, "fragment ('#') in request target at offset " + i);
    }
    if (c < 0x20 || c == 0x7f) {
      throw new Refusal(BAD_ENCODING, "control character at offset " + i);
    }
    if (c >= 0x80) {
      throw new Refusal(
          BAD_ENCODING, "raw non-ASCII at offset " + i + " (percent-encode it as UTF-8)");
    }
    throw new Refusal(BAD_ENCODING, "character not allowed unencoded in a path at offset " + i);
  }

  /**
   * Refuses decoded characters that are invisible or that another component may fold into a
   * separator: C1 controls, format characters (bidi overrides, zero-width), slash look-alikes, and
   * segments made only of dot look-alikes (U+FF0E fullwidth full stop and kin fold to '.' under
   * NFKC).
   */
  private static void checkUnicode(String segment, int offset) {
    boolean onlyDots = segment.length() <= 2;
    for (int i = 0; i < segment.length(); ) {
      int cp = segment.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        throw new Refusal(
            BAD_ENCODING, "encoded control or format character in segment at offset " + offset);
      }
      switch (cp) {
        case 0x2044, 0x2215, 0x29F5, 0x29F8, 0x29F9, 0xFE68, 0xFF0F, 0xFF3C ->
            throw new Refusal(
                ENCODED_SEPARATOR, "slash look-alike character in segment at offset " + offset);
        case '.', 0x2024, 0xFE52, 0xFF0E -> {}
        case 0x2025 -> onlyDots &= segment.length() == 1;
        default -> onlyDots = false;
      }
    }
    if (onlyDots) {
      throw new Refusal(ENCODED_SEPARATOR, "dot look-alike segment at offset " + offset);
    }
  }

  /**
   * After one decode a segment may still hold an escape ({@code %252e} became {@code %2e}). Any
   * component that decodes again would see a dot, slash, backslash, percent or control there, so
   * such segments are refused as evasion attempts; other leftovers ({@code 100%}) pass.
   */
  private static void checkDoubleEncoding(String segment, int offset) {
    for (int i = segment.indexOf('%'); i >= 0; i = segment.indexOf('%', i + 1)) {
      if (i + 2 < segment.length()) {
        int hi = hex(segment.charAt(i + 1));
        int lo = hex(segment.charAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          int b = hi << 4 | lo;
          if (b == '.' || b == '/' || b == '\\' || b == '%' || b < 0x20 || b == 0x7f) {
            throw new Refusal(
                ENCODED_SEPARATOR, "double-encoded character in segment at offset " + offset);
          }
        }
      }
    }
  }

  /**
   * Index of the first byte that starts an ill-formed UTF-8 sequence, or -1 (Unicode 15 Table 3-7:
   * rejects overlongs, surrogates, code points above U+10FFFF and truncated sequences).
   */
  static int utf8Error(byte[] b, int n) {
    int i = 0;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
      } else if (c == 0xE0) {
        need = 2;
        lo = 0xA0;
      } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
        need = 2;
      } else if (c == 0xED) {
        need = 2;
        hi = 0x9F;
      } else if (c == 0xF0) {
        need = 3;
        lo = 0x90;
      } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
      } else if (c == 0xF4) {
        need = 3;
        hi = 0x8F;
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int c1 = b[i + 1] & 0xff;
      if (c1 < lo || c1 > hi) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int ck = b[i + k] & 0xff;
        if (ck < 0x80 || ck > 0xBF) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }

  /** Appends one decoded segment, percent-encoding every UTF-8 byte that is not SAFE. */
  static void encodeSegment(String segment, StringBuilder out) {
    boolean plain = true;
    for (int i = 0; i < segment.length() && plain; i++) {
      char c = segment.charAt(i);
      plain = c < 128 && SAFE[c];
    }
    if (plain) {
      out.append(segment);
      return;
    }
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 128 && SAFE[c]) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
  }

  /**
   * The query is forwarded as received, so it is only checked: well-formed escapes, no controls,
   * spaces, raw non-ASCII or fragment. Brackets and the like pass: APIs use {@code filter[x]=}.
   */
  private static NormalizedPath.Rejected checkQuery(String raw, int start) {
    for (int i = start; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
          return new NormalizedPath.Rejected(
              BAD_ENCODING, "malformed percent-escape in query at offset " + i);
        }
        i += 2;
      } else if (c == '#') {
        return new NormalizedPath.Rejected(
            BAD_REQUEST, "fragment ('#') in request target at offset " + i);
      } else if (c <= 0x20 || c >= 0x7f) {
        return new NormalizedPath.Rejected(
            BAD_ENCODING, "control, space or raw non-ASCII in query at offset " + i);
      }
    }
    return null;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** A refusal raised deep in the decoding path; no stack trace, it is a value. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String reason;

    Refusal(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }
}
