package dev.bulwark.server.cli;

import dev.bulwark.store.AuditLog.Verification;
import dev.bulwark.store.Store;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark audit}: the hash-chained audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with the tamper-evident audit log.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code bulwark audit verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Walk the audit hash chain from the first event.",
        "Prints 'OK <n> events' and exits 0, or names the first broken event and exits 1."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreSelection store;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store opened = store.openExisting()) {
        Verification v = opened.audit().verify();
        if (v.ok()) {
          out.println("OK " + v.events() + " events");
          out.flush();
          return RootCommand.EXIT_OK;
        }
        out.println(
            "BROKEN at event "
                + v.firstBrokenId()
                + (v.problem() == null ? "" : ": " + v.problem())
                + " ("
                + v.events()
                + " events checked before it)");
        out.flush();
        return RootCommand.EXIT_FINDING;
      }
    }
  }
}
