package dev.bulwark.dlp.validate;

/**
 * Rules for government identity numbers: US Social Security numbers (SSA: area 001–665, 667–899;
 * group 01–99; serial 0001–9999; a few numbers voided after public misuse) and UK National
 * Insurance numbers (HMRC: first letter not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V;
 * prefixes BG, GB, KN, NK, NT, TN, ZZ never issued; suffix A–D).
 */
public final class IdentityNumbers {
  private IdentityNumbers() {}

  /** True for a plausible SSN given its three numeric parts. */
  public static boolean usSsn(int area, int group, int serial) {
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return false;
    }
    // Numbers voided after being printed on sample cards and in advertising.
    boolean voided =
        (area == 78 && group == 5 && serial == 1120)
            || (area == 219 && group == 9 && serial == 9999)
            || (area == 123 && group == 45 && serial == 6789);
    return !voided;
  }

  /** True when two upper-case letters are an issued NINO prefix. */
  public static boolean ninoPrefix(char a, char b) {
    if ("DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
      return false;
    }
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
      return false;
    }
    String p = new String(new char[] {a, b});
    return !(p.equals("BG")
        || p.equals("GB")
        || p.equals("KN")
        || p.equals("NK")
        || p.equals("NT")
        || p.equals("TN")
        || p.equals("ZZ"));
  }

  /** True for a NINO suffix letter. */
  public static boolean ninoSuffix(char c) {
    return c >= 'A' && c <= 'D';
  }
}
