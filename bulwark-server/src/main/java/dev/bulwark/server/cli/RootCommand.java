package dev.bulwark.server.cli;

import dev.bulwark.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark}: the root of the command tree; it only lists the subcommands. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Bulwark: the integration security perimeter in front of your SaaS APIs.",
    synopsisSubcommandLabel = "COMMAND")
public final class RootCommand implements Runnable {
  /** A command succeeded and found nothing wrong. */
  public static final int EXIT_OK = 0;

  /** A command ran and found a problem: an invalid config, a broken audit chain. */
  public static final int EXIT_FINDING = 1;

  /** The input was wrong: a missing file, an unknown id, a malformed option value. */
  public static final int EXIT_BAD_INPUT = 2;

  /**
   * Returned by long-running commands (serve, demo) once their servers are up: the JVM must stay
   * alive with its non-daemon Vert.x threads instead of exiting.
   */
  public static final int KEEP_RUNNING = -1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line, ready for {@code execute(args)}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new RootCommand());
    cli.addSubcommand(new ServeCommand());
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new ConfigCommand());
    cli.addSubcommand(new CredentialsCommand());
    cli.addSubcommand(new AuditCommand());
    // scan (DLP) registers here:
    cli.addSubcommand(new ScanCommand());
    cli.setExecutionExceptionHandler(RootCommand::handle);
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("bulwark: " + ex.getMessage());
          err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_BAD_INPUT;
        });
    return cli;
  }

  private static int handle(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (ex instanceof BadInput) {
      err.println(cli.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      return EXIT_BAD_INPUT;
    }
    if (ex instanceof StoreException) {
      err.println(cli.getCommandSpec().qualifiedName() + ": store error: " + ex.getMessage());
      return EXIT_FINDING;
    }
    err.println(
        cli.getCommandSpec().qualifiedName()
            + ": failed: "
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
    if (System.getenv("BULWARK_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    return EXIT_FINDING;
  }
}
