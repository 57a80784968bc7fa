package dev.bulwark.server;

import dev.bulwark.server.cli.RootCommand;

/** Entry point of {@code bulwark.jar}: hands the arguments to the CLI and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Vert.x logs through SLF4J (and so logback) only when told to.
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
    int code = RootCommand.commandLine().execute(args);
    if (code != RootCommand.KEEP_RUNNING) {
      System.exit(code);
    }
  }
}
