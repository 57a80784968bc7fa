package dev.bulwark.model.config;

import dev.bulwark.model.App;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code apps} section. Besides the apps that are wholly valid, it remembers every app
 * whose id is valid and the data classes it holds, so integrations pointing at an app with some
 * other mistake are not reported as dangling too (one mistake, one error).
 */
final class AppReader {
  static final List<String> KEYS =
      List.of("id", "vendor", "baseUrl", "sanctioned", "owner", "dataClasses", "insecureTransit");

  private final Problems problems;
  private final References references;
  private final Ids ids;
  private final Set<String> dataClasses;
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final Map<String, Set<String>> held = new LinkedHashMap<>();

  AppReader(Problems problems, Set<String> dataClasses) {
    this.problems = problems;
    this.references = new References(problems);
    this.ids = new Ids("app", problems);
    this.dataClasses = dataClasses;
  }

  void read(List<Node> entries, String path) {
    for (int i = 0; i < entries.size(); i++) {
      String entryPath = path + "[" + i + "]";
      Scalars.mapping(entries.get(i), entryPath, problems)
          .ifPresent(mapping -> readApp(mapping, entryPath));
    }
  }

  /** Apps that passed every check, by id in file order. */
  Map<String, App> apps() {
    return apps;
  }

  /** Every app with a valid id, and the declared data classes it holds. */
  Map<String, Set<String>> held() {
    return held;
  }

  private void readApp(MappingNode mapping, String path) {
    Fields fields = new Fields(mapping, path, KEYS, problems);
    Optional<String> id = fields.required("id").flatMap(n -> ids.claim(n, fields.path("id")));
    Optional<String> vendor = fields.requiredString("vendor");
    Optional<String> owner = fields.requiredString("owner");
    Optional<Boolean> sanctioned = fields.bool("sanctioned", false);
    Optional<Boolean> insecure = fields.bool("insecureTransit", false);
    Optional<URI> baseUrl =
        fields
            .required("baseUrl")
            .flatMap(
                n ->
                    WebAddresses.baseUrl(
                        n, fields.path("baseUrl"), insecure.orElse(false), problems));
    Optional<List<Node>> classNodes = fields.list("dataClasses");
    List<References.Resolved> classes =
        references.list(
            classNodes.orElse(List.of()), fields.path("dataClasses"), "data class", dataClasses);
    Set<String> classIds = new LinkedHashSet<>();
    classes.forEach(c -> classIds.add(c.name()));
    if (id.isEmpty()) {
      return;
    }
    held.put(id.get(), classIds);
    boolean complete =
        vendor.isPresent()
            && owner.isPresent()
            && sanctioned.isPresent()
            && insecure.isPresent()
            && baseUrl.isPresent()
            && classNodes.isPresent()
            && classes.size() == classNodes.get().size();
    if (complete) {
      apps.put(
          id.get(),
          new App(
              id.get(),
              vendor.get(),
              baseUrl.get(),
              sanctioned.get(),
              owner.get(),
              List.copyOf(classIds),
              insecure.get()));
    }
  }
}
