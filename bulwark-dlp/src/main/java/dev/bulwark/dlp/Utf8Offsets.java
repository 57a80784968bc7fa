package dev.bulwark.dlp;

import java.util.Arrays;

/**
 * Converts byte offsets in UTF-8 text to char (UTF-16) offsets, in one sweep up to the largest
 * offset: a byte that is not a continuation byte starts a char, a 4-byte sequence is two chars.
 */
final class Utf8Offsets {
  private Utf8Offsets() {}

  /** Char offsets for the given byte offsets (any order), positionally. */
  static int[] toChars(byte[] b, int[] byteOffsets) {
    int max = 0;
    for (int o : byteOffsets) {
      max = Math.max(max, o);
    }
    if (Swar.ascii(b, Math.min(max, b.length))) {
      return byteOffsets.clone(); // one char per byte up to the last offset
    }
    int[] sorted = byteOffsets.clone();
    Arrays.sort(sorted);
    int[] charsAt = new int[sorted.length];
    // chars before pos = pos - continuation bytes + 4-byte leads (each is a surrogate pair).
    int adjust = 0;
    int pos = 0;
    for (int k = 0; k < sorted.length; k++) {
      int target = Math.min(sorted[k], b.length);
      for (; pos < target; pos++) {
        byte v = b[pos];
        if (v < 0) {
          if ((v & 0xC0) == 0x80) {
            adjust--;
          } else if ((v & 0xF8) == 0xF0) {
            adjust++;
          }
        }
      }
      charsAt[k] = target + adjust;
    }
    int[] out = new int[byteOffsets.length];
    for (int i = 0; i < byteOffsets.length; i++) {
      out[i] = charsAt[Arrays.binarySearch(sorted, byteOffsets[i])];
    }
    return out;
  }
}
