package dev.bulwark.store;

/** Opens stores. */
public final class Stores {
  private Stores() {}

  /**
   * Opens the database named by {@code options}, creating it (SQLite) and migrating its schema to
   * the current version first.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Store open(StoreOptions options) {
    return SqlStore.open(options);
  }
}
