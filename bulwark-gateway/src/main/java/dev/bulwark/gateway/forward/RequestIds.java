package dev.bulwark.gateway.forward;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides the request id of an exchange: the caller's {@code X-Request-Id} when it is a plain token
 * (so a trace can cross the perimeter), else a fresh one.
 *
 * <p>Fresh ids are 64 random bits in hex from {@link ThreadLocalRandom}: cheap (no lock, no
 * SecureRandom), and unique enough to join log lines; they are not secrets. A caller-supplied id is
 * kept only when it is 1–128 characters of {@code [A-Za-z0-9._:-]}, so it cannot inject a header or
 * a log line.
 */
public final class RequestIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  public static String decide(String presented) {
    return acceptable(presented) ? presented : fresh();
  }

  public static String fresh() {
    long bits = ThreadLocalRandom.current().nextLong();
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
    return new String(out);
  }

  static boolean acceptable(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
