package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real file on disk, changed under a running watcher: good, bad, good again. */
class ConfigWatcherTest {
  private static final Duration POLL = Duration.ofMillis(50);

  private static String config(String appId) {
    return """
        classification:
          confidential: [pii.email]
        apps:
          - id: %s
            vendor: Acme
            baseUrl: https://crm.example
            owner: ops@acme.example
        integrations:
          - id: sync
            owner: ops@acme.example
            app: %s
            credential: api-key
            routes: [GET /contacts]
        """
        .formatted(appId, appId);
  }

  private final List<Perimeter> valid = new CopyOnWriteArrayList<>();
  private final List<List<ConfigError>> invalid = new CopyOnWriteArrayList<>();

  @Test
  void aBadFileNeverReplacesTheRunningConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("perimeter.yaml");
    write(file, config("crm"));

    try (ConfigWatcher watcher = new ConfigWatcher(file, POLL, valid::add, invalid::add)) {
      LoadResult first = watcher.start();
      assertThat(first.ok()).isTrue();
      assertThat(valid).hasSize(1);
      assertThat(watcher.current()).containsSame(valid.get(0));
      assertThat(watcher.lastErrors()).isEmpty();

      // A bad edit: the app id no longer matches the integration's reference.
      write(file, config("crm").replace("app: crm", "app: crn"));
      eventually(() -> !invalid.isEmpty());
      assertThat(invalid.get(0))
          .extracting(ConfigError::toString)
          .containsExactly(
              file
                  + ":11:10: integrations[0].app: unknown app \"crn\", did you mean \"crm\"?"
                  + " (known: crm)");
      assertThat(watcher.lastErrors()).isEqualTo(invalid.get(0));
      assertThat(watcher.current()).containsSame(valid.get(0));
      assertThat(valid).hasSize(1);

      // A good edit again: it replaces the running config and clears the errors.
      write(file, config("erp"));
      eventually(() -> valid.size() == 2);
      assertThat(valid.get(1).apps()).containsOnlyKeys("erp");
      assertThat(watcher.current()).containsSame(valid.get(1));
      assertThat(watcher.lastErrors()).isEmpty();
      assertThat(invalid).hasSize(1);
    }
  }

  @Test
  void touchingTheFileWithoutChangingItDoesNotReload(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("perimeter.yaml");
    write(file, config("crm"));
    try (ConfigWatcher watcher = new ConfigWatcher(file, POLL, valid::add, invalid::add)) {
      watcher.start();
      write(file, config("crm"));
      Files.setLastModifiedTime(
          file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
      Thread.sleep(20 * POLL.toMillis());
      assertThat(valid).hasSize(1);
      assertThat(invalid).isEmpty();
    }
  }

  @Test
  void aMissingFileIsAnErrorAndItsArrivalLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("perimeter.yaml");
    try (ConfigWatcher watcher = new ConfigWatcher(file, POLL, valid::add, invalid::add)) {
      LoadResult first = watcher.start();
      assertThat(first.errors())
          .extracting(ConfigError::toString)
          .containsExactly(file + ":1:1: file not found");
      assertThat(watcher.current()).isEmpty();

      write(file, config("crm"));
      eventually(() -> valid.size() == 1);
      assertThat(watcher.lastErrors()).isEmpty();
      assertThat(invalid).hasSize(1);
    }
  }

  @Test
  void closeStopsTheCallbacks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("perimeter.yaml");
    write(file, config("crm"));
    ConfigWatcher watcher = new ConfigWatcher(file, POLL, valid::add, invalid::add);
    watcher.start();
    watcher.close();
    write(file, config("erp"));
    Thread.sleep(10 * POLL.toMillis());
    assertThat(valid).hasSize(1);
  }

  /** Replaces the file atomically, as editors and config management tools do. */
  private static void write(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "edit", ".tmp");
    Files.writeString(temp, text);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
