package dev.bulwark.dlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SIMD within a register"): the hot loops skip words that hold nothing of
 * interest with a few integer operations instead of eight compares. See Hacker's Delight §6-1 for
 * the zero-byte test.
 */
final class Swar {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGH = 0x8080808080808080L;
  private static final long ONES = 0x0101010101010101L;

  private Swar() {}

  /** Index of the first byte in '0'..':' at or after i, or b.length. */
  static int nextDigitOrColon(byte[] b, int i) {
    int n = b.length;
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i);
      long y = x & LOW7; // no lane can carry into the next below
      long m = (y + 0x5050505050505050L) & ~(y + 0x4545454545454545L) & ~x & HIGH;
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < n && (b[i] < '0' || b[i] > ':')) {
      i++;
    }
    return i;
  }

  /** Index of the first '"' or '\\' at or after i, or b.length. */
  static int nextQuoteOrBackslash(byte[] b, int i) {
    int n = b.length;
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i);
      long m = zeroBytes(x ^ 0x2222222222222222L) | zeroBytes(x ^ 0x5C5C5C5C5C5C5C5CL);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    while (i < n && b[i] != '"' && b[i] != '\\') {
      i++;
    }
    return i;
  }

  /**
   * Index of the first byte at or after i that may be JSON structure — one of {@code " : , [ ] { }}
   * — or b.length, or i itself when fewer than eight bytes remain. It may also stop at {@code Y y
   * _} or DEL (the bracket test ignores two bits and the case bit), so callers confirm the byte; it
   * never skips a structural one.
   */
  static int nextJsonStructure(byte[] b, int i) {
    int n = b.length;
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i);
      // [ ] { } are 0x5B 0x5D 0x7B 0x7D: setting 0x20 and clearing 0x06 maps all four to 0x79.
      long brackets = ((x | 0x2020202020202020L) & ~0x0606060606060606L) ^ 0x7979797979797979L;
      long m =
          zeroBytes(x ^ 0x2222222222222222L)
              | zeroBytes(x ^ 0x3A3A3A3A3A3A3A3AL)
              | zeroBytes(x ^ 0x2C2C2C2C2C2C2C2CL)
              | zeroBytes(brackets);
      if (m != 0) {
        return i + (Long.numberOfTrailingZeros(m) >>> 3);
      }
      i += 8;
    }
    return i;
  }

  /** True when no byte has its high bit set. */
  static boolean ascii(byte[] b) {
    return ascii(b, b.length);
  }

  /** True when no byte of b[0, to) has its high bit set. */
  static boolean ascii(byte[] b, int to) {
    int i = 0;
    long acc = 0;
    // Four words per round: the loop overhead, not the OR, is the cost of one word per round.
    for (; i + 32 <= to; i += 32) {
      acc |=
          (long) LONGS.get(b, i)
              | (long) LONGS.get(b, i + 8)
              | (long) LONGS.get(b, i + 16)
              | (long) LONGS.get(b, i + 24);
    }
    for (; i + 8 <= to; i += 8) {
      acc |= (long) LONGS.get(b, i);
    }
    for (; i < to; i++) {
      acc |= b[i];
    }
    return (acc & HIGH) == 0;
  }

  /** High bit set in the lowest zero byte of v (higher lanes may be false positives). */
  private static long zeroBytes(long v) {
    return (v - ONES) & ~v & HIGH;
  }
}
