package dev.bulwark.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals of {@code serve}; a running node is covered by the demo end-to-end test. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void anInvalidConfigStartsNothingAndExitsOne() throws Exception {
    Path config = dir.resolve("perimeter.yaml");
    Files.writeString(config, "apps: []\nintegrations: []\nbogus: 1\n");
    CliRun run =
        CliRun.of(
            "serve",
            "--config",
            config.toString(),
            "--data",
            dir.toString(),
            "--port",
            "0",
            "--admin-port",
            "0");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(config + ":3:1: ").contains("nothing started");
    assertThat(dir.resolve("admin-token")).doesNotExist();
  }

  @Test
  void badOptionsAreBadInput() throws Exception {
    CliRun missing = CliRun.of("serve", "--config", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--config").contains("nope.yaml");

    Path config = Files.writeString(dir.resolve("p.yaml"), "apps: []\n");
    CliRun halfTls =
        CliRun.of("serve", "--config", config.toString(), "--tls-cert", config.toString());
    assertThat(halfTls.exitCode()).isEqualTo(2);
    assertThat(halfTls.err()).contains("--tls-cert and --tls-key");

    CliRun port = CliRun.of("serve", "--config", config.toString(), "--port", "70000");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.err()).contains("--port");

    CliRun notANumber = CliRun.of("serve", "--config", config.toString(), "--admin-port", "x");
    assertThat(notANumber.exitCode()).isEqualTo(2);

    CliRun store =
        CliRun.of("serve", "--config", config.toString(), "--store-url", "jdbc:mysql://db/x");
    assertThat(store.exitCode()).isEqualTo(2);
    assertThat(store.err()).contains("--store-url");
  }
}
