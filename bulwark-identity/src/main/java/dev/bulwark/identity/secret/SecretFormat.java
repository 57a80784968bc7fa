package dev.bulwark.identity.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * How a secret of one kind looks: {@code prefix + 43 chars base64url (32 random bytes) + 6 chars
 * base64url CRC-32 of the prefix and body}. Decides from the presented text alone whether it can be
 * one of ours, so garbage is refused before any hashing or lookup.
 *
 * <p>Why a checksum: it lets the gateway drop typos and naive floods of random strings without
 * touching the cache or the store, and lets secret scanners (DLP, GitHub-style) tell a real key
 * from a look-alike. It is not a secret and adds no strength: the 256 random bits do that.
 *
 * <p>Why a plain SHA-256 and not a slow password hash: the secret is 256 bits of CSPRNG output, so
 * a stolen hash cannot be brute-forced; a fast hash keeps the per-request cost near 1 µs.
 */
public final class SecretFormat {

  /** API keys: {@code bwk_...}. */
  public static final SecretFormat API_KEY = new SecretFormat("bwk_");

  /** OAuth2 client secrets: {@code bwcs_...}. */
  public static final SecretFormat CLIENT_SECRET = new SecretFormat("bwcs_");

  private static final int RANDOM_BYTES = 32;
  private static final int BODY_CHARS = 43; // ceil(32 * 8 / 6), no padding
  private static final int CHECKSUM_CHARS = 6; // ceil(4 * 8 / 6), no padding
  private static final int HINT_CHARS = 8;

  private static final String BASE64URL_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final String prefix;
  private final int length;

  private SecretFormat(String prefix) {
    this.prefix = prefix;
    this.length = prefix.length() + BODY_CHARS + CHECKSUM_CHARS;
  }

  public String prefix() {
    return prefix;
  }

  /** The exact length of a well-formed secret. */
  public int length() {
    return length;
  }

  /** A new secret from 32 bytes of {@link SecureRandom}. */
  public String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    String head = prefix + BASE64URL.encodeToString(bytes);
    return head + checksum(head);
  }

  /**
   * Whether {@code presented} has this format's prefix, length, alphabet and a matching checksum.
   * Allocation-free apart from the checksum.
   */
  public boolean wellFormed(String presented) {
    if (presented == null || presented.length() != length || !presented.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < length; i++) {
      if (!base64UrlChar(presented.charAt(i))) {
        return false;
      }
    }
    int split = length - CHECKSUM_CHARS;
    long crc = crc32(presented, split);
    // Compare the 32-bit checksum 6 bits at a time against its base64url characters, no allocation.
    for (int c = 0; c < CHECKSUM_CHARS; c++) {
      int shift = 26 - 6 * c;
      int sextet = (int) (shift >= 0 ? (crc >>> shift) & 0x3F : (crc << -shift) & 0x3F);
      if (presented.charAt(split + c) != BASE64URL_ALPHABET.charAt(sextet)) {
        return false;
      }
    }
    return true;
  }

  /** The lower-case hex SHA-256 of the secret, the only form the store keeps. */
  public static String hash(String secret) {
    Scratch scratch = SCRATCH.get();
    MessageDigest digest = scratch.sha256;
    digest.reset();
    int length = secret.length();
    if (length > scratch.bytes.length || !scratch.ascii(secret, length)) {
      // Not one of ours (they are short ASCII), but hash it faithfully rather than truncating.
      return HEX.formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }
    digest.update(scratch.bytes, 0, length);
    return HEX.formatHex(digest.digest());
  }

  /** A fragment for people to recognise a secret by: its first 8 chars and an ellipsis. */
  public static String hint(String secret) {
    return secret.substring(0, Math.min(HINT_CHARS, secret.length())) + "…";
  }

  private static String checksum(String head) {
    long value = crc32(head, head.length());
    byte[] four = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    return BASE64URL.encodeToString(four);
  }

  private static long crc32(String text, int end) {
    Scratch scratch = SCRATCH.get();
    CRC32 crc = scratch.crc32;
    crc.reset();
    if (end <= scratch.bytes.length && scratch.ascii(text, end)) {
      crc.update(scratch.bytes, 0, end);
    } else {
      for (int i = 0; i < end; i++) {
        crc.update(text.charAt(i));
      }
    }
    return crc.getValue();
  }

  private static boolean base64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /**
   * Per-thread digest, checksum and byte buffer, so that checking a presented secret on an event
   * loop allocates only the hash's hex string.
   */
  private static final class Scratch {
    final MessageDigest sha256 = newSha256();
    final CRC32 crc32 = new CRC32();
    final byte[] bytes = new byte[128];

    /** Copies {@code text[0, end)} into {@link #bytes}; false when it holds a non-ASCII char. */
    boolean ascii(String text, int end) {
      for (int i = 0; i < end; i++) {
        char c = text.charAt(i);
        if (c > 0x7F) {
          return false;
        }
        bytes[i] = (byte) c;
      }
      return true;
    }

    private static MessageDigest newSha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
    }
  }

  @Override
  public String toString() {
    return "SecretFormat[" + prefix + "]";
  }
}
