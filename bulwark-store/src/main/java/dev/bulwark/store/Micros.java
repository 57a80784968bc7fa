package dev.bulwark.store;

import java.time.Instant;

/**
 * Instants as epoch microseconds, the one time format of every table in both dialects. Finer parts
 * of an instant are dropped; the system clock gives microseconds at most on Linux.
 */
final class Micros {
  private Micros() {}

  static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Long ofNullable(Instant instant) {
    return instant == null ? null : of(instant);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
