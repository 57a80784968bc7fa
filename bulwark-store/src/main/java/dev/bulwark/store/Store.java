package dev.bulwark.store;

/**
 * One opened store: SQLite file or PostgreSQL database, migrated on open. Thread-safe; close once.
 */
public interface Store extends AutoCloseable {
  CredentialStore credentials();

  SecretVault vault();

  AuditLog audit();

  @Override
  void close();
}
