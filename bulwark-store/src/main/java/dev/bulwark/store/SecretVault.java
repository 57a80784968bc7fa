package dev.bulwark.store;

import java.util.List;
import java.util.Optional;

/**
 * Upstream secrets encrypted at rest: AES-256-GCM under a per-secret data key, itself wrapped by
 * the key-encryption key (envelope encryption). Plaintext only ever leaves through {@link #get}.
 */
public interface SecretVault {
  /** Stores or replaces the secret under {@code ref}. */
  void put(String ref, byte[] secret);

  /** The decrypted secret; fails (never returns garbage) when the ciphertext was tampered with. */
  Optional<byte[]> get(String ref);

  boolean delete(String ref);

  /** The references held, never the secrets. */
  List<String> refs();
}
