package dev.bulwark.dlp;

import static dev.bulwark.dlp.Bytes.ALNUM;
import static dev.bulwark.dlp.Bytes.DIGIT;
import static dev.bulwark.dlp.Bytes.UPPER;

import dev.bulwark.dlp.validate.CardIssuers;
import dev.bulwark.dlp.validate.Checksums;
import dev.bulwark.dlp.validate.Iban;
import dev.bulwark.dlp.validate.IdentityNumbers;
import dev.bulwark.dlp.validate.IpAddresses;
import dev.bulwark.dlp.validate.Phones;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The digit-run pass for numeric classes (cards, IBAN, SSN, NINO, routing numbers, phones, IPv4)
 * and the colon pass for IPv6. Multi-pattern engines are slow on patterns that start with a
 * character class, so one tight loop finds number tokens (digits joined by single separators) and
 * classifies each by its shape, then by checksum and context. Shared by both engines.
 */
final class NumberRules {
  private static final int MAX_TOKEN = 64;
  private static final int CONTEXT = 48;
  private static final String[] SSN_WORDS = {
    "ssn", "social security", "social_security", "socialsecurity"
  };
  private static final String[] ROUTING_WORDS = {"routing", "aba", "rtn", "transit"};
  private static final String[] PHONE_WORDS = {"phone", "tel", "mobile", "cell", "fax", "msisdn"};

  private final boolean card;
  private final boolean iban;
  private final boolean routing;
  private final boolean ssn;
  private final boolean nino;
  private final boolean ipv4;
  private final boolean ipv6;
  private final boolean phone;

  NumberRules(Set<String> enabled) {
    card = enabled.contains(DataClasses.PAYMENT_CARD);
    iban = enabled.contains(DataClasses.IBAN);
    routing = enabled.contains(DataClasses.US_ROUTING);
    ssn = enabled.contains(DataClasses.US_SSN);
    nino = enabled.contains(DataClasses.UK_NINO);
    ipv4 = enabled.contains(DataClasses.IPV4);
    ipv6 = enabled.contains(DataClasses.IPV6);
    phone = enabled.contains(DataClasses.PHONE);
  }

  boolean anyEnabled() {
    return card || iban || routing || ssn || nino || ipv4 || ipv6 || phone;
  }

  /**
   * Scans b; confirmed findings go to out. With out null, only counts candidates (number tokens
   * long enough or glued to letters, and colon runs) — the candidate-finding cost alone.
   */
  int scan(byte[] b, Consumer<RawFinding> out) {
    int n = b.length;
    int candidates = 0;
    int i = 0;
    while (true) {
      // The hot loop: skip eight bytes at a time to the next digit or colon.
      i = Swar.nextDigitOrColon(b, i);
      if (i >= n) {
        return candidates;
      }
      if (b[i] != ':') {
        int te = tokenEnd(b, i);
        if (te - i >= 7 || (i > 0 && ((b[i - 1] | 0x20) >= 'a' && (b[i - 1] | 0x20) <= 'z'))) {
          candidates++;
          if (out != null) {
            classify(b, i, te, out);
          }
        }
        i = te;
      } else if (ipv6 && hexOrColon(b, i - 1) && hexOrColon(b, i + 1)) {
        candidates++;
        i = out == null ? i + 1 : ipv6(b, i, out);
      } else {
        i++;
      }
    }
  }

  /** End of the number token at i: digits joined by one separator (space - . ) or " (" ") "). */
  private static int tokenEnd(byte[] b, int i) {
    int n = b.length;
    int start = i;
    int j = i;
    while (true) {
      while (j < n && b[j] >= '0' && b[j] <= '9') {
        j++;
      }
      if (j - start > MAX_TOKEN || j + 1 >= n) {
        return j;
      }
      byte s = b[j];
      if ((s == ' ' || s == '-' || s == '.' || s == ')') && Bytes.digit(b, j + 1)) {
        j++;
      } else if ((s == ')' && b[j + 1] == ' ' || s == ' ' && b[j + 1] == '(')
          && Bytes.digit(b, j + 2)) {
        j += 2;
      } else {
        return j;
      }
    }
  }

  private void classify(byte[] b, int ts, int te, Consumer<RawFinding> out) {
    if (nino && ninoAt(b, ts, te, out)) {
      return;
    }
    byte pre = ts > 0 ? b[ts - 1] : 0;
    if (Bytes.letter(b, ts - 1)) {
      if (iban && ts >= 2 && Bytes.upper(b, ts - 2) && !Bytes.is(b, ts - 3, ALNUM)) {
        ibanAt(b, ts - 2, out);
      }
      return;
    }
    if (pre == '.'
        || pre == '_'
        || pre == '/'
        || Bytes.is(b, te, ALNUM)
        || (te < b.length && b[te] == '_')) {
      return; // part of a decimal, an identifier or a path
    }
    Shape sh = Shape.of(b, ts, te);
    if (sh == null) {
      return;
    }
    if (ipv4 && sh.groups == 4 && sh.sep == '.') {
      boolean more = te + 1 < b.length && b[te] == '.' && Bytes.digit(b, te + 1);
      if (!more && pre != 'v' && IpAddresses.ipv4(new Latin1(b, ts, te))) {
        emit(out, DataClasses.IPV4, ts, te, 0.9);
      }
      return;
    }
    if (ssn && sh.groups == 3 && (sh.sep == '-' || sh.sep == ' ') && sh.is(3, 2, 4)) {
      if (ssnValid(b, ts, te)) {
        emit(out, DataClasses.US_SSN, ts, te, 0.9);
      }
      return;
    }
    if (card
        && pre != '+'
        && sh.digits >= 13
        && sh.digits <= 19
        && (sh.sep == 0 || sh.sep == ' ' || sh.sep == '-')) {
      if (sh.cardGrouping()) {
        String d = sh.digitString(b, ts, te);
        if (Checksums.luhn(d) && CardIssuers.scheme(d) != null) {
          emit(out, DataClasses.PAYMENT_CARD, ts, te, 0.95);
          return;
        }
      }
    }
    if (sh.groups == 1 && sh.digits == 9) {
      if (ssn
          && ssnValid(b, ts, te)
          && Bytes.containsAnyIgnoreCase(b, ts - CONTEXT, ts, SSN_WORDS)) {
        emit(out, DataClasses.US_SSN, ts, te, 0.85);
        return;
      }
      if (routing
          && Checksums.abaRouting(new Latin1(b, ts, te))
          && Bytes.containsAnyIgnoreCase(b, ts - CONTEXT, ts, ROUTING_WORDS)) {
        emit(out, DataClasses.US_ROUTING, ts, te, 0.9);
        return;
      }
    }
    if (phone) {
      phone(b, ts, te, pre, sh, out);
    }
  }

  private void phone(byte[] b, int ts, int te, byte pre, Shape sh, Consumer<RawFinding> out) {
    int start = ts;
    String region = "US";
    if (pre == '+') {
      if (Bytes.is(b, ts - 2, ALNUM) || sh.digits < 8 || sh.digits > 15) {
        return;
      }
      start = ts - 1;
      region = "ZZ";
    } else if (pre == '(') {
      if (!(sh.is(3, 3, 4) && b[ts + 3] == ')')) {
        return;
      }
      start = ts - 1;
    } else if (sh.groups == 1) {
      // NANP: area code and exchange start with 2-9 (so epoch timestamps never qualify).
      boolean nanp =
          (sh.digits == 10 && nxx(b, ts) && nxx(b, ts + 3))
              || (sh.digits == 11 && b[ts] == '1' && nxx(b, ts + 1) && nxx(b, ts + 4));
      if (!nanp || !Bytes.containsAnyIgnoreCase(b, ts - CONTEXT, ts, PHONE_WORDS)) {
        return;
      }
    } else if (sh.sep == 0
        || sh.sep == ')'
        || sh.sep == '('
        || sh.sep == '*'
        || !(sh.is(3, 3, 4) || (sh.is(1, 3, 3, 4) && b[ts] == '1'))) {
      return;
    }
    if (Phones.valid(b, start, te, region)) {
      emit(out, DataClasses.PHONE, start, te, 0.85);
    }
  }

  private static boolean nxx(byte[] b, int i) {
    return b[i] >= '2' && b[i] <= '9';
  }

  private static boolean ssnValid(byte[] b, int ts, int te) {
    int v = 0;
    int n = 0;
    for (int i = ts; i < te; i++) {
      if (b[i] >= '0' && b[i] <= '9') {
        v = v * 10 + (b[i] - '0');
        n++;
      }
    }
    return n == 9 && IdentityNumbers.usSsn(v / 1_000_000, v / 10_000 % 100, v % 10_000);
  }

  /** "AB123456C" or "AB 12 34 56 C": prefix letters before the token, suffix letter after it. */
  private static boolean ninoAt(byte[] b, int ts, int te, Consumer<RawFinding> out) {
    int l;
    if (Bytes.upper(b, ts - 1) && Bytes.upper(b, ts - 2)) {
      l = ts - 2;
    } else if (ts >= 3 && b[ts - 1] == ' ' && Bytes.upper(b, ts - 2) && Bytes.upper(b, ts - 3)) {
      l = ts - 3;
    } else {
      return false;
    }
    if (Bytes.is(b, l - 1, ALNUM) || !IdentityNumbers.ninoPrefix((char) b[l], (char) b[l + 1])) {
      return false;
    }
    String token = Bytes.ascii(b, ts, te);
    if (!token.matches("[0-9]{6}|[0-9]{2} [0-9]{2} [0-9]{2}")) {
      return false;
    }
    int s = te < b.length && b[te] == ' ' ? te + 1 : te;
    if (s >= b.length || !IdentityNumbers.ninoSuffix((char) b[s]) || Bytes.is(b, s + 1, ALNUM)) {
      return false;
    }
    emit(out, DataClasses.UK_NINO, l, s + 1, 0.9);
    return true;
  }

  /** An IBAN starting at country code l: compact or in groups of four, country length, mod 97. */
  private static void ibanAt(byte[] b, int l, Consumer<RawFinding> out) {
    int len = Iban.lengthFor((char) b[l], (char) b[l + 1]);
    if (len == 0) {
      return;
    }
    StringBuilder compact = new StringBuilder(len);
    int i = l;
    int end = l;
    while (i < b.length && compact.length() < len) {
      if (Bytes.is(b, i, UPPER | DIGIT)) {
        compact.append((char) b[i]);
        i++;
        end = i;
      } else if (b[i] == ' ' && compact.length() % 4 == 0 && Bytes.is(b, i + 1, UPPER | DIGIT)) {
        i++;
      } else {
        break;
      }
    }
    if (compact.length() == len && !Bytes.is(b, end, ALNUM) && Iban.valid(compact)) {
      emit(out, DataClasses.IBAN, l, end, 0.97);
    }
  }

  /** An IPv6 address around the colon at i; returns where scanning resumes. */
  private static int ipv6(byte[] b, int i, Consumer<RawFinding> out) {
    int s = i;
    while (s > 0 && i - s < 46 && hexOrColon(b, s - 1)) {
      s--;
    }
    int e = i;
    while (e < b.length && e - s < 46 && (hexOrColon(b, e) || b[e] == '.')) {
      e++;
    }
    while (e > i && b[e - 1] == '.') {
      e--;
    }
    if (Bytes.is(b, s - 1, ALNUM)
        || (s > 0 && b[s - 1] == '.')
        || Bytes.is(b, e, ALNUM)
        || (e < b.length && (b[e] == '_' || b[e] == ':'))) {
      return Math.max(e, i + 1);
    }
    // Cheap shape test first: an address has "::" or exactly seven colons (six before an IPv4
    // tail).
    int colons = 0;
    boolean compressed = false;
    boolean dotted = false;
    for (int k = s; k < e; k++) {
      if (b[k] == ':') {
        colons++;
        compressed |= k > s && b[k - 1] == ':';
      } else if (b[k] == '.') {
        dotted = true;
      }
    }
    boolean shape = compressed || colons == 7 || (dotted && colons == 6);
    boolean loopback = e - s == 3 && b[s] == ':' && b[s + 1] == ':' && b[s + 2] == '1';
    if (shape && (e - s >= 6 || loopback) && IpAddresses.ipv6(new Latin1(b, s, e))) {
      emit(out, DataClasses.IPV6, s, e, 0.9);
    }
    return Math.max(e, i + 1);
  }

  private static boolean hexOrColon(byte[] b, int i) {
    return i >= 0 && i < b.length && (b[i] == ':' || Bytes.hex(b, i));
  }

  private static String digitsOf(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      if (b[i] >= '0' && b[i] <= '9') {
        sb.append((char) b[i]);
      }
    }
    return sb.toString();
  }

  private static void emit(Consumer<RawFinding> out, String cls, int s, int e, double conf) {
    out.accept(new RawFinding(cls, DataClasses.priority(cls), s, e, conf));
  }

  /** Digit groups of a token and its separator (0 none, the char when uniform, '*' when mixed). */
  private static final class Shape {
    final int[] lens = new int[8];
    int groups;
    int digits;
    char sep;

    static Shape of(byte[] b, int ts, int te) {
      Shape sh = new Shape();
      int i = ts;
      while (i < te) {
        int g = i;
        while (i < te && b[i] >= '0' && b[i] <= '9') {
          i++;
        }
        if (sh.groups == 8) {
          return null;
        }
        sh.lens[sh.groups++] = i - g;
        sh.digits += i - g;
        if (i == te) {
          break;
        }
        // One separator: a single char, or ") " / " (" counted as ')' / '('.
        char s = (char) b[i];
        i++;
        if (i < te && (b[i] == ' ' || b[i] == '(')) {
          s = s == ')' ? ')' : '(';
          i++;
        }
        sh.sep = sh.sep == 0 || sh.sep == s ? s : '*';
      }
      return sh;
    }

    boolean is(int... expected) {
      if (groups != expected.length) {
        return false;
      }
      for (int k = 0; k < groups; k++) {
        if (lens[k] != expected[k]) {
          return false;
        }
      }
      return true;
    }

    /** Unseparated, or groups of four (last 1–4), or the 4-6-5 / 4-6-4 Amex and Diners layout. */
    boolean cardGrouping() {
      if (groups == 1) {
        return true;
      }
      if (is(4, 6, 5) || is(4, 6, 4)) {
        return true;
      }
      for (int k = 0; k < groups - 1; k++) {
        if (lens[k] != 4) {
          return false;
        }
      }
      return lens[groups - 1] >= 1 && lens[groups - 1] <= 4 && groups >= 4;
    }

    String digitString(byte[] b, int ts, int te) {
      return digitsOf(b, ts, te);
    }
  }
}
