package dev.bulwark.model.config;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps a running perimeter in step with its file: polls the file, and when its content changes
 * loads it; a clean file replaces the running perimeter ({@code onValid}), a bad one never does
 * ({@code onInvalid} gets its errors, which stay visible in {@link #lastErrors()} until a clean
 * file loads).
 *
 * <p>Design: polling (modification time and size every interval, and the content's SHA-256 when
 * they move or every tenth poll) rather than a {@code WatchService}, because watch events are lost
 * or coalesced on some file systems and miss atomic renames onto the file and bind-mounted config
 * maps; a one-second poll of one small file costs nothing. After a change is seen the watcher waits
 * until the file holds still for a short settle time, so an editor's half-written save is not
 * loaded; and only a change of content counts, so touching the file does not reload.
 */
public final class ConfigWatcher implements AutoCloseable {
  /** How often the file is looked at unless told otherwise. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());
  private static final int HASH_EVERY_N_POLLS = 10;
  private static final int MAX_SETTLE_ROUNDS = 20;

  private final Path file;
  private final Duration pollInterval;
  private final Duration settleTime;
  private final Consumer<Perimeter> onValid;
  private final Consumer<List<ConfigError>> onInvalid;

  private volatile Perimeter current;
  private volatile List<ConfigError> lastErrors = List.of();
  private volatile boolean running;
  private volatile Thread thread;
  private Stamp lastStamp;
  private byte[] lastFingerprint;
  private int polls;

  /** A watcher polling every {@link #DEFAULT_POLL_INTERVAL}. */
  public ConfigWatcher(
      Path file, Consumer<Perimeter> onValid, Consumer<List<ConfigError>> onInvalid) {
    this(file, DEFAULT_POLL_INTERVAL, onValid, onInvalid);
  }

  /**
   * @param file the perimeter.yaml to follow
   * @param pollInterval how often to look at it; the settle time is a quarter of it (at most 250
   *     ms)
   * @param onValid receives each clean perimeter, on the caller's thread for the first load and on
   *     the watcher's daemon thread after that
   * @param onInvalid receives the errors of each bad file; the running perimeter stays
   */
  public ConfigWatcher(
      Path file,
      Duration pollInterval,
      Consumer<Perimeter> onValid,
      Consumer<List<ConfigError>> onInvalid) {
    this.file = Objects.requireNonNull(file, "file");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive");
    }
    this.pollInterval = pollInterval;
    Duration quarter = pollInterval.dividedBy(4);
    this.settleTime =
        quarter.compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : quarter;
    this.onValid = Objects.requireNonNull(onValid, "onValid");
    this.onInvalid = Objects.requireNonNull(onInvalid, "onInvalid");
  }

  /**
   * Loads the file now (calling one of the callbacks on this thread), then starts following it.
   *
   * @return the first load, so a server can refuse to start on a bad file
   */
  public synchronized LoadResult start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    lastStamp = stamp();
    LoadResult first = loadContent(read());
    running = true;
    thread = new Thread(this::pollLoop, "bulwark-config-watcher");
    thread.setDaemon(true);
    thread.start();
    return first;
  }

  /** The perimeter from the last clean load, if any loaded cleanly yet. */
  public Optional<Perimeter> current() {
    return Optional.ofNullable(current);
  }

  /** Errors of the last load, or empty when it was clean. */
  public List<ConfigError> lastErrors() {
    return lastErrors;
  }

  /** Stops following the file; the callbacks are not called after this returns. */
  @Override
  public void close() {
    running = false;
    Thread toStop = thread;
    if (toStop != null && toStop != Thread.currentThread()) {
      toStop.interrupt();
      try {
        toStop.join(Math.max(1000, 4 * pollInterval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void pollLoop() {
    while (running) {
      try {
        Thread.sleep(pollInterval.toMillis());
        pollOnce();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Keep following the file: one odd failure must not freeze the config for good.
        LOG.log(Level.WARNING, "config watcher poll failed for " + file, e);
      }
    }
  }

  private void pollOnce() throws InterruptedException {
    polls++;
    Stamp stamp = stamp();
    if (stamp.equals(lastStamp) && polls % HASH_EVERY_N_POLLS != 0) {
      return;
    }
    stamp = settle(stamp);
    lastStamp = stamp;
    Content content = read();
    if (Arrays.equals(lastFingerprint, content.fingerprint())) {
      return;
    }
    if (running) {
      loadContent(content);
    }
  }

  /** Waits until two looks one settle time apart agree, so a save in progress is not read. */
  private Stamp settle(Stamp seen) throws InterruptedException {
    Stamp previous = seen;
    for (int round = 0; round < MAX_SETTLE_ROUNDS; round++) {
      Thread.sleep(Math.max(1, settleTime.toMillis()));
      Stamp now = stamp();
      if (now.equals(previous)) {
        return now;
      }
      previous = now;
    }
    return previous;
  }

  private LoadResult loadContent(Content content) {
    lastFingerprint = content.fingerprint();
    LoadResult result =
        content.problem() != null
            ? new LoadResult(
                null, List.of(new ConfigError(file.toString(), 1, 1, content.problem())))
            : PerimeterLoader.parse(file.toString(), content.bytes());
    if (result.ok()) {
      current = result.perimeter();
      lastErrors = List.of();
      deliver(() -> onValid.accept(result.perimeter()));
    } else {
      lastErrors = result.errors();
      LOG.log(
          Level.WARNING,
          "perimeter config "
              + file
              + " has "
              + result.errors().size()
              + " error(s); keeping the "
              + (current == null ? "empty" : "running")
              + " config. First: "
              + result.errors().get(0));
      deliver(() -> onInvalid.accept(result.errors()));
    }
    return result;
  }

  private void deliver(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "config watcher callback failed for " + file, e);
    }
  }

  private Stamp stamp() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(true, attributes.lastModifiedTime(), attributes.size());
    } catch (IOException | SecurityException e) {
      return new Stamp(false, null, 0);
    }
  }

  private Content read() {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return new Content(bytes, sha256(bytes), null);
    } catch (NoSuchFileException e) {
      return new Content(null, null, "file not found");
    } catch (IOException | SecurityException e) {
      return new Content(null, null, "cannot read file: " + e.getClass().getSimpleName());
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** What the file system says about the file, cheap to read every poll. */
  private record Stamp(boolean exists, FileTime modified, long size) {}

  /** The file's bytes and their hash, or why they could not be read. */
  private record Content(byte[] bytes, byte[] hash, String problem) {
    /** Equal for equal content, or for the same reason it could not be read. */
    byte[] fingerprint() {
      return hash != null ? hash : problem.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
