package dev.bulwark.model.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.model.Classification;
import dev.bulwark.model.DataClass;
import dev.bulwark.model.DlpAction;
import dev.bulwark.model.DlpDetector;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.DlpSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the top-level {@code dlp} section: custom detectors (RE2 patterns, compiled here so a bad
 * one is reported at its position), the default policy, and the buffering limit. Custom detector
 * ids may not sit in a family of the built-in catalog ({@code pii.}, {@code fin.}, {@code
 * secret.}), so they can never collide with a built-in class.
 */
final class DlpReader {
  static final List<String> KEYS = List.of("detectors", "default", "maxBodyBytes", "oversize");
  static final List<String> DETECTOR_KEYS = List.of("id", "pattern", "level");

  private final Problems problems;
  private final Map<String, DataClass> taxonomy;
  private final Ids ids;
  private final List<DlpDetector> detectors = new ArrayList<>();

  DlpReader(Problems problems, Map<String, DataClass> taxonomy) {
    this.problems = problems;
    this.taxonomy = taxonomy;
    this.ids = new Ids("detector", problems);
  }

  /**
   * Every data class id a policy may name: the taxonomy's and the custom detectors' (valid after
   * {@link #read}).
   */
  Set<String> declaredClasses() {
    Set<String> all = new LinkedHashSet<>(taxonomy.keySet());
    for (DlpDetector d : detectors) {
      all.add(d.id());
    }
    return all;
  }

  /**
   * The settings; {@link DlpSettings#NONE} when the section is absent, empty after reporting when
   * something in it is wrong. Detectors are read before the default policy, which may name them.
   */
  Optional<DlpSettings> read(Optional<Node> section, String path) {
    if (section.isEmpty()) {
      return Optional.of(DlpSettings.NONE);
    }
    Optional<MappingNode> mapping = Scalars.mapping(section.get(), path, problems);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = new Fields(mapping.get(), path, KEYS, problems);
    boolean good = readDetectors(fields);
    DlpPolicyReader policies = new DlpPolicyReader(problems, declaredClasses());
    Optional<DlpPolicy> policy =
        fields.optional("default").isPresent()
            ? policies.read(
                fields.optional("default").get(), fields.path("default"), DlpPolicy.NONE)
            : Optional.of(DlpPolicy.NONE);
    Optional<Long> max =
        fields.optional("maxBodyBytes").isPresent()
            ? bytes(fields.optional("maxBodyBytes").get(), fields.path("maxBodyBytes"))
            : Optional.of(DlpSettings.DEFAULT_MAX_BODY_BYTES);
    Optional<DlpAction> oversize =
        fields.optional("oversize").isPresent()
            ? oversize(fields.optional("oversize").get(), fields.path("oversize"))
            : Optional.of(DlpAction.BLOCK);
    if (!good || policy.isEmpty() || max.isEmpty() || oversize.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DlpSettings(detectors, policy.get(), max.get(), oversize.get()));
  }

  private boolean readDetectors(Fields fields) {
    Optional<List<Node>> entries = fields.list("detectors");
    if (entries.isEmpty()) {
      return false;
    }
    boolean good = true;
    for (int i = 0; i < entries.get().size(); i++) {
      String entryPath = fields.path("detectors") + "[" + i + "]";
      Optional<MappingNode> mapping = Scalars.mapping(entries.get().get(i), entryPath, problems);
      Optional<DlpDetector> detector = mapping.flatMap(m -> detector(m, entryPath));
      detector.ifPresent(detectors::add);
      good &= detector.isPresent();
    }
    return good;
  }

  private Optional<DlpDetector> detector(MappingNode mapping, String path) {
    Fields fields = new Fields(mapping, path, DETECTOR_KEYS, problems);
    Optional<String> id =
        fields
            .required("id")
            .flatMap(
                n -> ids.claim(n, fields.path("id")).filter(v -> own(n, fields.path("id"), v)));
    Optional<String> pattern =
        fields.required("pattern").flatMap(n -> pattern(n, fields.path("pattern")));
    Optional<Node> levelNode = fields.optional("level");
    Optional<Classification> level =
        levelNode.isPresent() ? level(levelNode.get(), fields.path("level")) : Optional.empty();
    if (id.isEmpty() || pattern.isEmpty() || (levelNode.isPresent() && level.isEmpty())) {
      return Optional.empty();
    }
    DataClass declared = taxonomy.get(id.get());
    if (declared != null && level.isPresent() && declared.level() != level.get()) {
      problems.at(
          levelNode.get(),
          fields.path("level"),
          "level "
              + level.get().id()
              + " contradicts the taxonomy, which puts "
              + Scalars.quote(id.get())
              + " under "
              + declared.level().id()
              + " (drop the level here or change one of them)");
      return Optional.empty();
    }
    Classification effective = declared != null ? declared.level() : level.orElse(null);
    return Optional.of(new DlpDetector(id.get(), pattern.get(), effective));
  }

  private boolean own(Node node, String path, String id) {
    int dot = id.indexOf('.');
    String family = dot < 0 ? id : id.substring(0, dot);
    if (!DlpPolicyReader.CATALOG_FAMILIES.contains(family)) {
      return true;
    }
    problems.at(
        node,
        path,
        "detector id "
            + Scalars.quote(id)
            + " is in the built-in family "
            + Scalars.quote(family)
            + ", reserved for the built-in catalog; use your own family (custom.employee_id)");
    return false;
  }

  /**
   * Compiles the pattern with RE2/J, the engine the gateway will run it on. A pattern that matches
   * the empty string is refused: it would "find" something at every position or, skipped, nothing.
   */
  private Optional<String> pattern(Node node, String path) {
    Optional<String> pattern = Scalars.string(node, path, problems);
    if (pattern.isEmpty()) {
      return pattern;
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern.get());
    } catch (PatternSyntaxException e) {
      problems.at(
          node, path, "invalid RE2 pattern: " + e.getDescription() + re2Hint(pattern.get()));
      return Optional.empty();
    }
    if (compiled.matcher("").find()) {
      problems.at(
          node,
          path,
          "pattern matches the empty string; a detector must match at least one character");
      return Optional.empty();
    }
    return pattern;
  }

  /** RE2 refuses backtracking-only syntax on purpose; say so when that is the likely cause. */
  private static String re2Hint(String pattern) {
    if (pattern.contains("(?=")
        || pattern.contains("(?!")
        || pattern.contains("(?<=")
        || pattern.contains("(?<!")
        || pattern.matches(".*\\\\[1-9].*")) {
      return " (RE2 has no lookaround or backreferences: they cannot run in linear time)";
    }
    return "";
  }

  private Optional<Classification> level(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (Classification c : Classification.values()) {
      if (c.id().equals(name.get())) {
        return Optional.of(c);
      }
      names.add(c.id());
    }
    problems.at(
        node,
        path,
        "unknown classification level "
            + Scalars.quote(name.get())
            + NearestName.hint(name.get(), names)
            + " (known: "
            + String.join(", ", names)
            + ")");
    return Optional.empty();
  }

  private Optional<Long> bytes(Node node, String path) {
    if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
      try {
        long v = Long.parseLong(scalar.getValue().replace("_", ""));
        if (v >= 1024 && v <= Integer.MAX_VALUE - 16) {
          return Optional.of(v);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.at(
        node,
        path,
        "expected a whole number of bytes from 1024 to "
            + (Integer.MAX_VALUE - 16)
            + ", got "
            + Scalars.describe(node));
    return Optional.empty();
  }

  private Optional<DlpAction> oversize(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (name.get().equals("block")) {
      return Optional.of(DlpAction.BLOCK);
    }
    if (name.get().equals("pass")) {
      return Optional.of(DlpAction.ALLOW);
    }
    problems.at(
        node,
        path,
        "expected block (refuse a body too large to inspect) or pass (forward it uninspected), got "
            + Scalars.describe(node));
    return Optional.empty();
  }
}
