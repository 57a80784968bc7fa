package dev.bulwark.model.config;

import dev.bulwark.model.DataClass;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.DlpSettings;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Walks a composed perimeter.yaml document: the taxonomy first (everything refers to it), then the
 * {@code dlp} section (its detectors declare classes, its default policy feeds integrations), then
 * apps, then integrations, whatever their order in the file. Builds the {@link Perimeter} only when
 * no problem was found anywhere.
 */
final class PerimeterReader {
  static final List<String> KEYS = List.of("classification", "dlp", "apps", "integrations");

  private final Problems problems;

  PerimeterReader(Problems problems) {
    this.problems = problems;
  }

  /** The perimeter, or empty when any problem was reported. */
  Optional<Perimeter> read(Node root) {
    Optional<MappingNode> mapping = Scalars.mapping(root, "top level", problems);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields top = new Fields(mapping.get(), "", KEYS, problems);
    Map<String, DataClass> taxonomy =
        top.required("classification")
            .map(n -> new TaxonomyReader(problems).read(n, "classification"))
            .orElse(Map.of());

    DlpReader dlpReader = new DlpReader(problems, taxonomy);
    Optional<DlpSettings> dlp = dlpReader.read(top.optional("dlp"), "dlp");
    DlpPolicyReader policies = new DlpPolicyReader(problems, dlpReader.declaredClasses());

    AppReader apps = new AppReader(problems, taxonomy.keySet());
    top.required("apps")
        .flatMap(n -> Scalars.list(n, "apps", problems))
        .ifPresent(list -> apps.read(list.getValue(), "apps"));

    IntegrationReader integrationReader =
        new IntegrationReader(
            problems,
            taxonomy.keySet(),
            apps.held(),
            policies,
            dlp.map(DlpSettings::defaultPolicy).orElse(DlpPolicy.NONE));
    Map<String, Integration> integrations =
        top.list("integrations")
            .map(list -> integrationReader.read(list, "integrations"))
            .orElse(Map.of());

    if (!problems.isEmpty() || dlp.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Perimeter(taxonomy, apps.apps(), integrations, dlp.get()));
  }
}
