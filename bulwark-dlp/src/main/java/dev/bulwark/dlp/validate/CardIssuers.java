package dev.bulwark.dlp.validate;

/**
 * Whether a digit string has the prefix and length of a real card scheme (ISO/IEC 7812 IIN ranges
 * as published by the schemes): Visa, Mastercard, American Express, Discover, JCB, Diners Club,
 * UnionPay and Maestro. A Luhn-valid number outside these ranges is an account or order number.
 */
public final class CardIssuers {
  private CardIssuers() {}

  /** The scheme name for these digits, or null when no scheme issues this prefix and length. */
  public static String scheme(CharSequence digits) {
    int len = digits.length();
    if (len < 12 || len > 19) {
      return null;
    }
    int p1 = prefix(digits, 1);
    int p2 = prefix(digits, 2);
    int p3 = prefix(digits, 3);
    int p4 = prefix(digits, 4);
    int p6 = prefix(digits, 6);
    if (p1 == 4 && (len == 13 || len == 16 || len == 19)) {
      return "visa";
    }
    if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len == 16) {
      return "mastercard";
    }
    if ((p2 == 34 || p2 == 37) && len == 15) {
      return "amex";
    }
    if ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
        && len >= 16) {
      return "discover";
    }
    if (p4 >= 3528 && p4 <= 3589 && len >= 16) {
      return "jcb";
    }
    if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && len >= 14) {
      return "diners";
    }
    if (p2 == 62 && len >= 16) {
      return "unionpay";
    }
    if ((p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67) && len >= 12) {
      return "maestro";
    }
    return null;
  }

  private static int prefix(CharSequence s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
