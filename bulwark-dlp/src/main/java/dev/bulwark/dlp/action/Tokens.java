package dev.bulwark.dlp.action;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic tokens: {@code tok_<class>_<base32 of the first 10 bytes of HMAC-SHA256(key, class
 * ":" value)>}. The same value under the same key always gives the same token (joins keep working),
 * different classes never collide, and without the key a token reveals nothing.
 */
final class Tokens {
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private final SecretKeySpec key;

  Tokens(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("tokenization key must be at least 16 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  String token(String dataClass, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] h = mac.doFinal((dataClass + ":" + value).getBytes(StandardCharsets.UTF_8));
      return "tok_" + dataClass + "_" + base32(h, 10);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** RFC 4648 base32, lower case, no padding, of the first n bytes (n a multiple of 5). */
  static String base32(byte[] b, int n) {
    StringBuilder sb = new StringBuilder(n * 8 / 5);
    for (int i = 0; i < n; i += 5) {
      long v = 0;
      for (int k = 0; k < 5; k++) {
        v = (v << 8) | (b[i + k] & 0xff);
      }
      for (int k = 7; k >= 0; k--) {
        sb.append(BASE32[(int) ((v >>> (k * 5)) & 31)]);
      }
    }
    return sb.toString();
  }
}
