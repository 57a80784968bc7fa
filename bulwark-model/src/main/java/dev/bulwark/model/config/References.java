package dev.bulwark.model.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Resolves names that point at something declared elsewhere in the file (an app, a data class),
 * reporting dangling ones with the closest known name and a short list of what exists.
 */
final class References {
  private final Problems problems;

  References(Problems problems) {
    this.problems = problems;
  }

  /** One reference; empty after reporting when it is not a string or names nothing known. */
  Optional<String> one(Node node, String path, String kind, Collection<String> known) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty() || known.contains(name.get())) {
      return name;
    }
    problems.at(
        node,
        path,
        "unknown "
            + kind
            + " "
            + Scalars.quote(name.get())
            + NearestName.hint(name.get(), known)
            + NearestName.listing("known", known));
    return Optional.empty();
  }

  /**
   * A list of references, each known and listed once. Returns the resolved names with their nodes
   * (for later checks placed at the entry), skipping the bad ones.
   */
  List<Resolved> list(List<Node> entries, String path, String kind, Collection<String> known) {
    List<Resolved> resolved = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Node entry = entries.get(i);
      String entryPath = path + "[" + i + "]";
      Optional<String> name = one(entry, entryPath, kind, known);
      if (name.isEmpty()) {
        continue;
      }
      Node first = seen.putIfAbsent(name.get(), entry);
      if (first != null) {
        problems.at(
            entry,
            entryPath,
            Scalars.quote(name.get())
                + " is listed twice (first at line "
                + Fields.line(first)
                + ")");
        continue;
      }
      resolved.add(new Resolved(name.get(), entry, entryPath));
    }
    return resolved;
  }

  /** A name that resolved, with where it was written. */
  record Resolved(String name, Node node, String path) {}
}
