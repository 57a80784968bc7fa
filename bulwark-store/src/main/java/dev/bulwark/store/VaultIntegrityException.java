package dev.bulwark.store;

/**
 * A stored secret could not be decrypted: it was altered, moved to another reference, or the vault
 * was opened with a different key-encryption key. Never carries any secret material.
 */
public final class VaultIntegrityException extends StoreException {
  public VaultIntegrityException(String message) {
    super(message);
  }
}
