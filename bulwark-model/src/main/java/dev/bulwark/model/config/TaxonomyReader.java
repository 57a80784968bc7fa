package dev.bulwark.model.config;

import dev.bulwark.model.Classification;
import dev.bulwark.model.DataClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code classification} section: each level lists the data classes under it, as a bare
 * id or as {@code {id, description}}. A data class sits under exactly one level.
 */
final class TaxonomyReader {
  private static final List<String> ENTRY_KEYS = List.of("id", "description");

  private final Problems problems;
  private final Ids ids;

  TaxonomyReader(Problems problems) {
    this.problems = problems;
    this.ids = new Ids("data class", problems);
  }

  /** The data classes declared, in file order; only well-formed ones. */
  Map<String, DataClass> read(Node section, String path) {
    Map<String, DataClass> classes = new LinkedHashMap<>();
    Optional<MappingNode> mapping = Scalars.mapping(section, path, problems);
    if (mapping.isEmpty()) {
      return classes;
    }
    List<String> levels = new ArrayList<>();
    for (Classification level : Classification.values()) {
      levels.add(level.id());
    }
    Fields fields = new Fields(mapping.get(), path, levels, problems);
    for (Classification level : Classification.values()) {
      List<Node> entries = fields.list(level.id()).orElse(List.of());
      for (int i = 0; i < entries.size(); i++) {
        readEntry(entries.get(i), fields.path(level.id()) + "[" + i + "]", level)
            .ifPresent(c -> classes.put(c.id(), c));
      }
    }
    return classes;
  }

  private Optional<DataClass> readEntry(Node entry, String path, Classification level) {
    if (entry instanceof MappingNode mapping) {
      Fields fields = new Fields(mapping, path, ENTRY_KEYS, problems);
      Optional<String> id = fields.required("id").flatMap(n -> ids.claim(n, fields.path("id")));
      Optional<String> description = fields.optionalString("description");
      boolean descriptionBad = fields.optional("description").isPresent() && description.isEmpty();
      if (id.isEmpty() || descriptionBad) {
        return Optional.empty();
      }
      return Optional.of(new DataClass(id.get(), level, description.orElse("")));
    }
    if (entry instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
      return ids.claim(entry, path).map(id -> new DataClass(id, level, ""));
    }
    problems.at(
        entry,
        path,
        "expected a data class id or {id, description}, got " + Scalars.describe(entry));
    return Optional.empty();
  }
}
