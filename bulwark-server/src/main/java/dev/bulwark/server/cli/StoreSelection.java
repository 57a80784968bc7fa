package dev.bulwark.server.cli;

import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every stateful command shares: the data directory (SQLite file {@code
 * DIR/bulwark.db}, key-encryption key {@code DIR/kek} unless {@code BULWARK_KEK} or {@code
 * BULWARK_KEK_FILE} is set) or a PostgreSQL store.
 */
public final class StoreSelection {
  @Option(
      names = "--data",
      defaultValue = "./data",
      paramLabel = "DIR",
      description =
          "Data directory: SQLite store, key-encryption key, admin token (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(
      names = "--store-url",
      paramLabel = "JDBC_URL",
      description =
          "PostgreSQL store instead of SQLite, e.g. jdbc:postgresql://127.0.0.1:5432/bulwark.")
  String storeUrl;

  @Option(names = "--store-user", paramLabel = "USER", description = "PostgreSQL user.")
  String storeUser;

  @Option(
      names = "--store-password",
      paramLabel = "PASSWORD",
      defaultValue = "${env:BULWARK_STORE_PASSWORD}",
      description = "PostgreSQL password (default: $BULWARK_STORE_PASSWORD).")
  String storePassword;

  /** The data directory (created when a store is opened in it). */
  public Path dataDir() {
    return data;
  }

  /** Opens (creating and migrating when needed) the selected store. */
  public Store open() {
    return Stores.open(options(false));
  }

  /**
   * Opens the selected store only when it already exists: commands that read state (list, verify)
   * must not silently create an empty store and report on it.
   */
  public Store openExisting() {
    return Stores.open(options(true));
  }

  StoreOptions options(boolean mustExist) {
    if (storeUrl != null) {
      if (!storeUrl.startsWith("jdbc:postgresql:")) {
        throw new BadInput(
            "--store-url: only PostgreSQL JDBC URLs (jdbc:postgresql://host:port/db) are supported");
      }
      return StoreOptions.postgres(storeUrl, storeUser, storePassword, kek());
    }
    Path db = data.resolve("bulwark.db");
    if (mustExist && !Files.exists(db)) {
      throw new BadInput(
          "no store at "
              + db
              + " (start `bulwark serve` or `bulwark demo` first, or point --data at a data directory)");
    }
    if (Files.exists(data) && !Files.isDirectory(data)) {
      throw new BadInput("--data: " + data + " is not a directory");
    }
    return StoreOptions.sqlite(db, kek());
  }

  private KeyEncryptionKey kek() {
    try {
      return KeyEncryptionKey.resolve(env(), data.resolve("kek"));
    } catch (IllegalArgumentException e) {
      throw new BadInput("key-encryption key: " + e.getMessage());
    }
  }

  // Overridable in tests only through the environment of the process; kept as one place.
  private static Map<String, String> env() {
    return System.getenv();
  }
}
