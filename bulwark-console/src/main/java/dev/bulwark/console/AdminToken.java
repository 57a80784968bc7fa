package dev.bulwark.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bootstrap admin token: 256 random bits, created on first start in a file readable by its
 * owner only (POSIX mode 600) and read back on later starts. A presented token is compared in
 * constant time. {@link #toString()} never shows the token.
 */
public final class AdminToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "bwa_";

  private final byte[] token;

  private AdminToken(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads the token in {@code file}, or creates the file with a fresh token when missing. */
  public static AdminToken loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      String fresh = generate();
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException raced) {
        return read(file); // another process created it first: use theirs
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return new AdminToken(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  /** A token given directly (tests, or an operator-provided secret). */
  public static AdminToken of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the admin token is empty");
    }
    return new AdminToken(token.strip());
  }

  private static AdminToken read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new IllegalStateException("the admin token file " + file + " is empty");
    }
    return new AdminToken(text);
  }

  private static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code presented} is the token; constant time in the token's content. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminToken[<redacted>]";
  }
}
