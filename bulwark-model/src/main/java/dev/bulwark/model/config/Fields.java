package dev.bulwark.model.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * One YAML mapping checked against the keys it may hold: on construction it reports duplicate keys
 * (YAML forbids them, and the second would silently win) and unknown keys (with a "did you mean"),
 * then hands out the values by name. A key whose value is null counts as absent for optional keys.
 */
final class Fields {
  private final MappingNode node;
  private final String path;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  Fields(MappingNode node, String path, List<String> allowed, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : null;
      if (key == null) {
        problems.at(keyNode, path, "keys must be plain names, got " + Scalars.kind(keyNode));
        continue;
      }
      NodeTuple first = entries.get(key);
      if (first != null) {
        problems.at(
            keyNode,
            child(path, key),
            "duplicate key (first at line " + line(first.getKeyNode()) + ")");
        continue;
      }
      if (!allowed.contains(key)) {
        problems.at(
            keyNode,
            child(path, label(key)),
            "unknown key"
                + NearestName.hint(key, allowed)
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
        continue;
      }
      entries.put(key, tuple);
    }
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A key as it may appear in a path: itself when it is a plain name, else quoted. */
  static String label(String key) {
    return key.matches("[A-Za-z0-9_.-]{1,60}") ? key : Scalars.quote(key);
  }

  static String line(Node node) {
    return node.getStartMark().map(m -> String.valueOf(m.getLine() + 1)).orElse("?");
  }

  String path() {
    return path;
  }

  String path(String key) {
    return child(path, key);
  }

  MappingNode node() {
    return node;
  }

  /** The key's node as written (for "not allowed here" problems), if present. */
  Optional<Node> keyNode(String key) {
    return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
  }

  /** The value of an optional key; absent when missing or null. */
  Optional<Node> optional(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || Scalars.isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  /** The value of a required key; reports the mapping when the key is missing. */
  Optional<Node> required(String key) {
    return required(key, "");
  }

  /** As {@link #required(String)}, with a reason added to the message ({@code for kind bearer}). */
  Optional<Node> required(String key, String why) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null) {
      problems.at(
          node,
          path.isEmpty() ? "top level" : path,
          "missing required key \"" + key + "\"" + (why.isEmpty() ? "" : " " + why));
      return Optional.empty();
    }
    if (Scalars.isNull(tuple.getValueNode())) {
      problems.at(tuple.getKeyNode(), path(key), "missing value");
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Optional<String> requiredString(String key) {
    return required(key).flatMap(v -> Scalars.string(v, path(key), problems));
  }

  Optional<String> optionalString(String key) {
    return optional(key).flatMap(v -> Scalars.string(v, path(key), problems));
  }

  /** An optional boolean; {@code fallback} when absent, empty when present but not a boolean. */
  Optional<Boolean> bool(String key, boolean fallback) {
    Optional<Node> value = optional(key);
    if (value.isEmpty()) {
      return Optional.of(fallback);
    }
    return Scalars.bool(value.get(), path(key), problems);
  }

  /** An optional list; an empty list when absent, empty Optional when present but not a list. */
  Optional<List<Node>> list(String key) {
    Optional<Node> value = optional(key);
    if (value.isEmpty()) {
      return Optional.of(List.of());
    }
    return Scalars.list(value.get(), path(key), problems).map(SequenceNode::getValue);
  }
}
