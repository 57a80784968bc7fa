package dev.bulwark.server.cli;

/**
 * Input the user can fix: a missing file, an unknown id, a malformed duration. The CLI prints the
 * message (which names what and where) and exits with {@link RootCommand#EXIT_BAD_INPUT}. The
 * message must never contain a secret.
 */
public final class BadInput extends RuntimeException {
  public BadInput(String message) {
    super(message);
  }
}
