package dev.bulwark.dlp;

/** ASCII character classes over raw body bytes, one table lookup per test. */
final class Bytes {
  static final int DIGIT = 1;
  static final int UPPER = 2;
  static final int LOWER = 4;
  static final int HEX_LETTER = 8;
  static final int UNDERSCORE = 16;
  static final int DASH = 32;
  static final int PLUS_SLASH = 64;
  static final int DOT = 128;
  static final int EMAIL_EXTRA = 256; // % and + (allowed in an e-mail local part)

  static final int ALNUM = DIGIT | UPPER | LOWER;
  static final int B64URL = ALNUM | UNDERSCORE | DASH;
  static final int B64 = ALNUM | PLUS_SLASH;
  static final int EMAIL_LOCAL = ALNUM | DOT | UNDERSCORE | DASH | EMAIL_EXTRA;
  static final int DOMAIN = ALNUM | DOT | DASH;

  private static final int[] CLS = new int[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      CLS[c] = DIGIT;
    }
    for (int c = 'A'; c <= 'Z'; c++) {
      CLS[c] = UPPER | (c <= 'F' ? HEX_LETTER : 0);
    }
    for (int c = 'a'; c <= 'z'; c++) {
      CLS[c] = LOWER | (c <= 'f' ? HEX_LETTER : 0);
    }
    CLS['_'] = UNDERSCORE;
    CLS['-'] = DASH;
    CLS['+'] = PLUS_SLASH | EMAIL_EXTRA;
    CLS['/'] = PLUS_SLASH;
    CLS['.'] = DOT;
    CLS['%'] = EMAIL_EXTRA;
  }

  private Bytes() {}

  static boolean is(byte[] b, int i, int mask) {
    return i >= 0 && i < b.length && (CLS[b[i] & 0xff] & mask) != 0;
  }

  static boolean digit(byte[] b, int i) {
    return i >= 0 && i < b.length && b[i] >= '0' && b[i] <= '9';
  }

  static boolean hex(byte[] b, int i) {
    return is(b, i, DIGIT | HEX_LETTER);
  }

  static boolean upper(byte[] b, int i) {
    return i >= 0 && i < b.length && b[i] >= 'A' && b[i] <= 'Z';
  }

  static boolean letter(byte[] b, int i) {
    return is(b, i, UPPER | LOWER);
  }

  /** End of the run of class chars starting at from, stopping after max chars. */
  static int runEnd(byte[] b, int from, int mask, int max) {
    int i = from;
    int limit = (int) Math.min(b.length, (long) from + max);
    while (i < limit && (CLS[b[i] & 0xff] & mask) != 0) {
      i++;
    }
    return i;
  }

  /** Start of the run of class chars ending just before to, going back at most max chars. */
  static int runStart(byte[] b, int to, int mask, int max) {
    int i = to;
    int limit = Math.max(0, to - max);
    while (i > limit && (CLS[b[i - 1] & 0xff] & mask) != 0) {
      i--;
    }
    return i;
  }

  static boolean startsWith(byte[] b, int at, String s) {
    if (at < 0 || at + s.length() > b.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWithIgnoreCase(byte[] b, int at, String lower) {
    if (at < 0 || at + lower.length() > b.length) {
      return false;
    }
    for (int k = 0; k < lower.length(); k++) {
      if (lowerCase(b[at + k]) != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static int lowerCase(byte c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c & 0xff;
  }

  /** Index of s in b[from, to), or -1. */
  static int indexOf(byte[] b, String s, int from, int to) {
    int last = Math.min(to, b.length) - s.length();
    char first = s.charAt(0);
    for (int i = Math.max(0, from); i <= last; i++) {
      if (b[i] == first && startsWith(b, i, s)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * True when one of the lower-case keywords starts a word (no letter before it) in b[from, to), in
   * any letter case.
   */
  static boolean containsAnyIgnoreCase(byte[] b, int from, int to, String[] keywords) {
    from = Math.max(0, from);
    to = Math.min(b.length, to);
    int firsts = 0;
    for (String k : keywords) {
      firsts |= 1 << (k.charAt(0) - 'a');
    }
    for (int i = from; i < to; i++) {
      int c = lowerCase(b[i]) - 'a';
      if (c < 0 || c >= 26 || (firsts & (1 << c)) == 0 || letter(b, i - 1)) {
        continue;
      }
      for (String k : keywords) {
        if (k.charAt(0) - 'a' == c && i + k.length() <= to && startsWithIgnoreCase(b, i, k)) {
          return true;
        }
      }
    }
    return false;
  }

  static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
