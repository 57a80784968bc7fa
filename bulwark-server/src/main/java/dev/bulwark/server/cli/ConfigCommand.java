package dev.bulwark.server.cli;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bulwark config}: work with perimeter.yaml. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with perimeter.yaml, the config as code.",
    subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code bulwark config validate FILE}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Validate a perimeter.yaml strictly.",
        "Prints every error as file:line:column: message and exits 1; prints",
        "'OK <n> apps, <m> integrations' and exits 0 when the file is clean."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The perimeter.yaml to check.")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new BadInput("no such file: " + file);
      }
      LoadResult result = PerimeterLoader.load(file);
      PrintWriter out = spec.commandLine().getOut();
      if (!result.ok()) {
        for (ConfigError error : result.errors()) {
          out.println(error);
        }
        out.println(result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
        out.flush();
        return RootCommand.EXIT_FINDING;
      }
      out.println(
          "OK "
              + result.perimeter().apps().size()
              + " apps, "
              + result.perimeter().integrations().size()
              + " integrations");
      out.flush();
      return RootCommand.EXIT_OK;
    }
  }
}
