package dev.bulwark.dlp.validate;

/**
 * Shannon entropy in bits per character. Random secrets from a 62-symbol alphabet score about 4.5
 * to 5.2 over 20 to 40 characters; English words and placeholders ("changeme", "********") score
 * below 3.
 */
public final class Entropy {
  private Entropy() {}

  /** Bits per character of s[from, to) over byte values. */
  public static double bitsPerChar(CharSequence s, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return 0;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * (Math.log(p) / Math.log(2));
      }
    }
    if (other > 0) {
      double p = (double) other / n;
      h -= p * (Math.log(p) / Math.log(2));
    }
    return h;
  }
}
