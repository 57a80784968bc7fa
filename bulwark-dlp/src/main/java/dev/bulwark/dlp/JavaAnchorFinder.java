package dev.bulwark.dlp;

import java.util.ArrayList;
import java.util.List;

/**
 * The pure-Java literal matcher: a table keyed by the first two bytes (letters case-folded) names
 * the literals that can start there, and only those are compared. Used where Hyperscan's native
 * library is unavailable; reports exactly the occurrences Hyperscan reports.
 */
final class JavaAnchorFinder implements AnchorFinder {
  private final byte[][] literals;
  private final boolean[] caseless;
  private final int[][] byPair = new int[1 << 16][];

  /** One bit per byte pair that starts some literal: 8 KiB, stays in L1 (the table does not). */
  private final long[] pairBits = new long[1 << 10];

  private final int[][] byFirst = new int[256][];

  JavaAnchorFinder(List<Literal> lits) {
    literals = new byte[lits.size()][];
    caseless = new boolean[lits.size()];
    List<List<Integer>> pairs = new ArrayList<>();
    for (int i = 0; i < 1 << 16; i++) {
      pairs.add(null);
    }
    List<List<Integer>> firsts = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      firsts.add(null);
    }
    for (int i = 0; i < lits.size(); i++) {
      literals[i] = lits.get(i).bytes();
      caseless[i] = lits.get(i).caseless();
      byte[] l = literals[i];
      if (l.length == 1) {
        for (int c : variants(l[0], caseless[i])) {
          add(firsts, c, i);
        }
      } else {
        for (int c0 : variants(l[0], caseless[i])) {
          for (int c1 : variants(l[1], caseless[i])) {
            add(pairs, (c0 << 8) | c1, i);
          }
        }
      }
    }
    for (int i = 0; i < pairs.size(); i++) {
      byPair[i] = toArray(pairs.get(i));
      if (byPair[i] != null) {
        pairBits[i >>> 6] |= 1L << i;
      }
    }
    for (int i = 0; i < 256; i++) {
      byFirst[i] = toArray(firsts.get(i));
    }
  }

  private static int[] variants(byte c, boolean caseless) {
    int v = c & 0xff;
    if (caseless && v >= 'a' && v <= 'z') {
      return new int[] {v, v - 32};
    }
    if (caseless && v >= 'A' && v <= 'Z') {
      return new int[] {v, v + 32};
    }
    return new int[] {v};
  }

  private static void add(List<List<Integer>> table, int key, int literal) {
    if (table.get(key) == null) {
      table.set(key, new ArrayList<>());
    }
    table.get(key).add(literal);
  }

  private static int[] toArray(List<Integer> l) {
    return l == null ? null : l.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public void find(byte[] b, Hits hits) {
    int n = b.length;
    long[] bits = pairBits;
    int[][] firstTable = byFirst;
    for (int i = 0; i < n; i++) {
      int c0 = b[i] & 0xff;
      int[] singles = firstTable[c0];
      if (singles != null) {
        for (int lit : singles) {
          hits.add(lit, i);
        }
      }
      if (i + 1 < n) {
        int key = (c0 << 8) | (b[i + 1] & 0xff);
        if ((bits[key >>> 6] & (1L << key)) != 0) {
          for (int lit : byPair[key]) {
            if (matches(b, i, lit)) {
              hits.add(lit, i);
            }
          }
        }
      }
    }
  }

  private boolean matches(byte[] b, int at, int lit) {
    byte[] l = literals[lit];
    if (at + l.length > b.length) {
      return false;
    }
    if (caseless[lit]) {
      for (int k = 2; k < l.length; k++) {
        if (Bytes.lowerCase(b[at + k]) != Bytes.lowerCase(l[k])) {
          return false;
        }
      }
    } else {
      for (int k = 2; k < l.length; k++) {
        if (b[at + k] != l[k]) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public Engine engine() {
    return Engine.JAVA;
  }
}
