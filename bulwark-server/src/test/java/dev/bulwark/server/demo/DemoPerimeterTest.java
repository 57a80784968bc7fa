package dev.bulwark.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoPerimeterTest {
  @Test
  void standInAppsPointAtTheStandInsAndTheRestStays() throws Exception {
    String example = Files.readString(Path.of("../examples/perimeter.yaml"));
    String runtime =
        DemoPerimeter.rewrite(
            example,
            Map.of(
                "salesforce", URI.create("https://127.0.0.1:40001"),
                "slack", URI.create("http://127.0.0.1:40002")));
    LoadResult loaded = PerimeterLoader.parse("demo-perimeter.yaml", runtime);
    assertThat(loaded.errors()).isEmpty();
    Perimeter p = loaded.perimeter();
    assertThat(p.apps().get("salesforce").baseUrl())
        .isEqualTo(URI.create("https://127.0.0.1:40001"));
    assertThat(p.apps().get("salesforce").insecureTransit()).isFalse();
    assertThat(p.apps().get("slack").baseUrl()).isEqualTo(URI.create("http://127.0.0.1:40002"));
    assertThat(p.apps().get("slack").insecureTransit()).isTrue();
    assertThat(p.apps().get("github").baseUrl()).isEqualTo(URI.create("https://api.github.com"));
    assertThat(p.integrations())
        .hasSameSizeAs(PerimeterLoader.parse("x", example).perimeter().integrations());
  }
}
