import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.store.KeyEncryptionKey;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreOptions;
import dev.bulwark.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Bench-only: issues one API key for each of the integrations bench-0 .. bench-(N-1) in the data
 * directory's SQLite store (as `bulwark credentials create` would, N times without N JVM starts)
 * and writes "integration app key" lines to OUT for the wrk script.
 *
 * <p>Run with the shaded jar on the class path: {@code java -cp bulwark.jar bench/MintKeys.java
 * DATA_DIR N APPS OUT}.
 */
public class MintKeys {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int apps = Integer.parseInt(args[2]);
    Files.createDirectories(data);
    KeyEncryptionKey kek = KeyEncryptionKey.resolve(System.getenv(), data.resolve("kek"));
    try (Store store = Stores.open(StoreOptions.sqlite(data.resolve("bulwark.db"), kek));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
      ApiKeys keys = new ApiKeys(store.credentials(), Clock.systemUTC());
      for (int i = 0; i < n; i++) {
        out.println("bench-" + i + " app" + (i % apps) + " " + keys.create("bench-" + i, null).secret());
      }
    }
  }
}
