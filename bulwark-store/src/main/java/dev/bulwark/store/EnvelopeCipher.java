package dev.bulwark.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of one secret: a fresh 256-bit data key encrypts the secret with AES-GCM, and
 * the key-encryption key wraps that data key with AES-GCM. Both use a random 96-bit nonce and take
 * the secret's reference as associated data, so a sealed secret copied under another reference
 * fails authentication instead of decrypting (NIST SP 800-38D).
 *
 * <p>A random 96-bit nonce per encryption stays far below the 2^32 messages per key that SP 800-38D
 * allows for random nonces: every data key encrypts one message, and the KEK wraps one data key per
 * stored secret.
 */
final class EnvelopeCipher {
  private static final String AES_GCM = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int DATA_KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What is stored for one secret; nothing in it is secret without the KEK. */
  record Sealed(
      String kekId, byte[] keyNonce, byte[] wrappedKey, byte[] dataNonce, byte[] ciphertext) {}

  private final KeyEncryptionKey kek;

  EnvelopeCipher(KeyEncryptionKey kek) {
    this.kek = kek;
  }

  Sealed seal(String ref, byte[] secret) {
    byte[] dataKey = new byte[DATA_KEY_BYTES];
    RANDOM.nextBytes(dataKey);
    try {
      byte[] dataNonce = nonce();
      byte[] ciphertext =
          gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), dataNonce, dataAad(ref))
              .doFinal(secret);
      byte[] keyNonce = nonce();
      byte[] wrappedKey =
          gcm(Cipher.ENCRYPT_MODE, kek.aesKey(), keyNonce, keyAad(ref)).doFinal(dataKey);
      return new Sealed(kek.fingerprint(), keyNonce, wrappedKey, dataNonce, ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts, or throws {@link VaultIntegrityException} saying whether the key is the wrong one or
   * the stored bytes were altered; never returns unauthenticated bytes.
   */
  byte[] open(String ref, Sealed sealed) {
    if (!kek.fingerprint().equals(sealed.kekId())) {
      throw new VaultIntegrityException(
          "vault key does not match: secret '"
              + ref
              + "' was sealed with key-encryption key "
              + sealed.kekId()
              + ", but the store was opened with key "
              + kek.fingerprint()
              + " (check BULWARK_KEK / BULWARK_KEK_FILE)");
    }
    byte[] dataKey;
    try {
      dataKey =
          gcm(Cipher.DECRYPT_MODE, kek.aesKey(), sealed.keyNonce(), keyAad(ref))
              .doFinal(sealed.wrappedKey());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw tampered(ref, "its wrapped data key");
    }
    try {
      if (dataKey.length != DATA_KEY_BYTES) {
        throw tampered(ref, "its wrapped data key");
      }
      return gcm(
              Cipher.DECRYPT_MODE,
              new SecretKeySpec(dataKey, "AES"),
              sealed.dataNonce(),
              dataAad(ref))
          .doFinal(sealed.ciphertext());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw tampered(ref, "its ciphertext");
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static VaultIntegrityException tampered(String ref, String part) {
    return new VaultIntegrityException(
        "secret '"
            + ref
            + "' failed its integrity check ("
            + part
            + " does not authenticate): it was altered in the database or moved from another"
            + " reference; refusing to return it");
  }

  private static Cipher gcm(int mode, SecretKeySpec key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    if (nonce == null || nonce.length != NONCE_BYTES) {
      // A wrong-length nonce can only come from an altered row.
      throw new AEADBadTagException("nonce is not " + NONCE_BYTES + " bytes");
    }
    Cipher cipher = Cipher.getInstance(AES_GCM);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  private static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  // Distinct labels keep the two encryptions from ever being confused with each other.
  private static byte[] keyAad(String ref) {
    return ("bulwark.vault.v1.key\0" + ref).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] dataAad(String ref) {
    return ("bulwark.vault.v1.data\0" + ref).getBytes(StandardCharsets.UTF_8);
  }
}
