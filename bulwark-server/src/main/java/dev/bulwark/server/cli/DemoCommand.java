package dev.bulwark.server.cli;

import dev.bulwark.server.demo.DemoRun;
import dev.bulwark.server.run.NodeStartFailed;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark demo}: the whole perimeter in front of six local SaaS stand-ins. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the demo: stand-ins for Salesforce, HubSpot, Slack, GitHub, Workday and Stripe,",
      "the gateway in front of them with examples/perimeter.yaml, the admin API, and a little",
      "traffic. Prints a demo API key and three curl lines (also written to DIR/demo-curl.txt)."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreSelection store;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Gateway bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Gateway port, 0 for any (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--admin-port",
      defaultValue = "9090",
      description = "Admin API port, 0 for any (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--traffic",
      defaultValue = "2",
      paramLabel = "PER_SECOND",
      description = "Demo requests per second, 0 for none (default: ${DEFAULT-VALUE}).")
  double traffic;

  @Option(
      names = "--example",
      paramLabel = "FILE",
      description = "Perimeter to start from (default: examples/perimeter.yaml).")
  Path example;

  @Override
  public Integer call() {
    ServeCommand.checkPort("--port", port);
    ServeCommand.checkPort("--admin-port", adminPort);
    if (traffic < 0 || traffic > 100) {
      throw new BadInput("--traffic: " + traffic + " is not between 0 and 100 requests per second");
    }
    if (example != null && !Files.isRegularFile(example)) {
      throw new BadInput("--example: no such file: " + example);
    }
    DemoRun run;
    try {
      run =
          DemoRun.start(
              new DemoRun.Settings(
                  store.dataDir(), store.options(false), host, port, adminPort, traffic, example));
    } catch (NodeStartFailed e) {
      throw NodeFailures.explain(e, "--port and --admin-port");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(run::close, "bulwark-demo-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(run.banner());
    out.flush();
    return RootCommand.KEEP_RUNNING;
  }
}
