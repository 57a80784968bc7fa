package dev.bulwark.identity;

import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import java.nio.file.Path;

/** Real SQLite stores in a test's temporary directory. */
public final class TestStores {
  private TestStores() {}

  public static Store sqlite(Path dir) {
    return Stores.open(StoreOptions.sqlite(dir.resolve("bulwark.db"), KeyEncryptionKey.generate()));
  }
}
