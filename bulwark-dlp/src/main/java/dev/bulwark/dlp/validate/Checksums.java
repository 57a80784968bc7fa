package dev.bulwark.dlp.validate;

/**
 * Numeric checksums over ASCII digit strings: Luhn (ISO/IEC 7812 cards), ABA routing numbers and
 * ISO 7064 mod 97-10 (IBAN). Inputs hold digits only; callers strip separators first.
 */
public final class Checksums {
  private Checksums() {}

  /** True when the digits pass the Luhn check (the rightmost digit is the check digit). */
  public static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /**
   * True when nine digits pass the ABA checksum 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod
   * 10) and the first two digits are a Federal Reserve routing symbol (00–12, 21–32, 61–72, 80).
   */
  public static boolean abaRouting(CharSequence digits) {
    if (digits.length() != 9) {
      return false;
    }
    int[] d = new int[9];
    for (int i = 0; i < 9; i++) {
      d[i] = digits.charAt(i) - '0';
      if (d[i] < 0 || d[i] > 9) {
        return false;
      }
    }
    int prefix = d[0] * 10 + d[1];
    boolean knownPrefix =
        prefix <= 12
            || (prefix >= 21 && prefix <= 32)
            || (prefix >= 61 && prefix <= 72)
            || prefix == 80;
    if (!knownPrefix || allSame(d)) {
      return false;
    }
    int sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    return sum % 10 == 0;
  }

  private static boolean allSame(int[] d) {
    for (int v : d) {
      if (v != d[0]) {
        return false;
      }
    }
    return true;
  }

  /**
   * ISO 7064 mod 97-10 over an IBAN given as upper-case letters and digits (no spaces): the first
   * four characters move to the end, letters become 10..35, and the number must leave remainder 1.
   */
  public static boolean ibanMod97(CharSequence iban) {
    int n = iban.length();
    if (n < 5) {
      return false;
    }
    int rem = 0;
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        rem = (rem * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        rem = (rem * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }
}
