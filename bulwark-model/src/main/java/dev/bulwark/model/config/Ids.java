package dev.bulwark.model.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Ids of one kind (apps, integrations, data classes, route rules): their shape, and that each is
 * declared once. Ids travel in URLs, audit rows and metric labels, so they are kept to lower-case
 * letters, digits, dot, underscore and dash, starting with a letter or digit (never "." or "..").
 */
final class Ids {
  static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  static final int MAX_LENGTH = 64;

  private final String kind;
  private final Problems problems;
  private final Map<String, Node> seen = new HashMap<>();

  /**
   * @param kind what the ids name, for messages ({@code app})
   */
  Ids(String kind, Problems problems) {
    this.kind = kind;
    this.problems = problems;
  }

  /** Reads an id, checking its shape and that it was not declared before. */
  Optional<String> claim(Node node, String path) {
    Optional<String> id = Scalars.string(node, path, problems).filter(v -> shaped(node, path, v));
    if (id.isEmpty()) {
      return id;
    }
    Node first = seen.putIfAbsent(id.get(), node);
    if (first != null) {
      problems.at(
          node,
          path,
          "duplicate "
              + kind
              + " id "
              + Scalars.quote(id.get())
              + " (first at line "
              + Fields.line(first)
              + ")");
      return Optional.empty();
    }
    return id;
  }

  private boolean shaped(Node node, String path, String value) {
    if (value.length() <= MAX_LENGTH && SHAPE.matcher(value).matches()) {
      return true;
    }
    problems.at(
        node,
        path,
        "invalid "
            + kind
            + " id "
            + Scalars.quote(value)
            + ", expected lower-case letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit, at most "
            + MAX_LENGTH
            + " characters");
    return false;
  }
}
