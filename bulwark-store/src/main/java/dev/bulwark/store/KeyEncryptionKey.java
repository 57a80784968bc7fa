package dev.bulwark.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that wraps the vault's per-secret data keys. It is kept outside the database
 * (environment or a mode-600 file) so a stolen database file alone reveals no secret.
 *
 * <p>{@link #toString()} shows only a {@link #fingerprint()}, never key bytes.
 */
public final class KeyEncryptionKey {
  /** Environment variable holding the key in base64; wins over every other source. */
  public static final String ENV_KEY = "BULWARK_KEK";

  /** Environment variable naming a file that holds the key in base64. */
  public static final String ENV_FILE = "BULWARK_KEK_FILE";

  static final int LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final String fingerprint;

  private KeyEncryptionKey(byte[] key) {
    if (key.length != LENGTH) {
      throw new IllegalArgumentException(
          "a key-encryption key is " + LENGTH + " bytes, got " + key.length);
    }
    this.key = key.clone();
    this.fingerprint = fingerprintOf(this.key);
  }

  /** A fresh random key. */
  public static KeyEncryptionKey generate() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new KeyEncryptionKey(bytes);
  }

  /** Decodes standard base64 (surrounding whitespace ignored). The message never echoes input. */
  public static KeyEncryptionKey fromBase64(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("the key-encryption key is empty");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key-encryption key is not valid base64");
    }
    return new KeyEncryptionKey(bytes);
  }

  /** Reads a key stored in base64 in {@code file}. */
  public static KeyEncryptionKey load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key-encryption key file " + file, e);
    }
    try {
      return fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (file " + file + ")");
    }
  }

  /**
   * Reads the key in {@code file}, or creates the file with a fresh key readable by its owner only
   * (POSIX mode 600) when it does not exist yet.
   */
  public static KeyEncryptionKey loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return load(file);
    }
    KeyEncryptionKey created = generate();
    Path temp = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // Written whole to a private temporary file, then linked into place: the link fails when
      // the name exists, so two processes racing here end up sharing one key, and no reader
      // ever sees a half-written file.
      temp = Files.createTempFile(parent, ".kek-", ".tmp", ownerOnly());
      Files.writeString(temp, created.toBase64() + "\n", StandardCharsets.US_ASCII);
      Files.createLink(file, temp);
      return created;
    } catch (FileAlreadyExistsException raced) {
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the key-encryption key file " + file, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // A leftover temporary file holds a key nobody uses; nothing depends on removing it.
    }
  }

  /**
   * The key from the environment: {@value #ENV_KEY} (base64) wins, else the file named by {@value
   * #ENV_FILE} (which must exist), else {@link #loadOrCreate(Path) loadOrCreate(defaultFile)}.
   */
  public static KeyEncryptionKey resolve(Map<String, String> env, Path defaultFile) {
    String inline = env.get(ENV_KEY);
    if (inline != null && !inline.isBlank()) {
      try {
        return fromBase64(inline);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(ENV_KEY + ": " + e.getMessage());
      }
    }
    String file = env.get(ENV_FILE);
    if (file != null && !file.isBlank()) {
      return load(Path.of(file));
    }
    return loadOrCreate(defaultFile);
  }

  /**
   * A short non-secret identifier of this key (HMAC of a fixed label), to tell keys apart in errors
   * and logs without revealing them.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** The key in base64, for writing it to a secret store. Never log it. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** The key for javax.crypto; package-private so the bytes stay inside the store. */
  SecretKeySpec aesKey() {
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public String toString() {
    return "KeyEncryptionKey[fingerprint=" + fingerprint + "]";
  }

  private static String fingerprintOf(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag = mac.doFinal("bulwark kek fingerprint v1".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(tag, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
