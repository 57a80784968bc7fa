package dev.bulwark.dlp;

import java.util.Arrays;

/** Candidate hits (literal index, start byte) collected by an engine; sorted before use. */
final class Hits {
  private long[] packed = new long[64];
  private int size;

  void add(int literal, long start) {
    if (size == packed.length) {
      packed = Arrays.copyOf(packed, size * 2);
    }
    packed[size++] = (start << 16) | literal;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** Sorts by start then literal and drops duplicates, so engines that differ in order agree. */
  void sortUnique() {
    Arrays.sort(packed, 0, size);
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (w == 0 || packed[w - 1] != packed[r]) {
        packed[w++] = packed[r];
      }
    }
    size = w;
  }

  int literal(int i) {
    return (int) (packed[i] & 0xffff);
  }

  int start(int i) {
    return (int) (packed[i] >>> 16);
  }
}
