package dev.bulwark.model.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads one YAML node as the type a key expects, reporting "expected X, got Y" at the node when it
 * is not. Numbers are accepted where text is expected (a client id {@code 12345} is still an id);
 * booleans and nulls are not, because {@code owner: true} is a mistake, not a name.
 */
final class Scalars {
  private static final int ECHO_LIMIT = 60;

  private Scalars() {}

  static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  /** A non-empty string, or empty after reporting why not. */
  static Optional<String> string(Node node, String path, Problems problems) {
    return text(node, path, problems, true);
  }

  /**
   * Like {@link #string} but never repeats the value in a message: used for keys that name secrets,
   * where a confused user may have pasted the secret itself.
   */
  static Optional<String> quietString(Node node, String path, Problems problems) {
    return text(node, path, problems, false);
  }

  private static Optional<String> text(Node node, String path, Problems problems, boolean echo) {
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (Tag.NULL.equals(tag)) {
        problems.at(node, path, "missing value, expected a string");
        return Optional.empty();
      }
      if (Tag.BOOL.equals(tag)) {
        problems.at(
            node,
            path,
            "expected a string, got "
                + (echo ? "the boolean " + scalar.getValue() : "a boolean")
                + (echo ? " (quote it if you mean the text)" : ""));
        return Optional.empty();
      }
      if (scalar.getValue().isBlank()) {
        problems.at(node, path, "expected a non-empty string");
        return Optional.empty();
      }
      return Optional.of(scalar.getValue());
    }
    problems.at(node, path, "expected a string, got " + kind(node));
    return Optional.empty();
  }

  static Optional<Boolean> bool(Node node, String path, Problems problems) {
    if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      return Optional.of(
          Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT)));
    }
    problems.at(node, path, "expected a boolean (true or false), got " + describe(node));
    return Optional.empty();
  }

  static Optional<SequenceNode> list(Node node, String path, Problems problems) {
    if (node instanceof SequenceNode sequence) {
      return Optional.of(sequence);
    }
    problems.at(node, path, "expected a list, got " + describe(node));
    return Optional.empty();
  }

  static Optional<MappingNode> mapping(Node node, String path, Problems problems) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    problems.at(node, path, "expected a mapping (key: value), got " + describe(node));
    return Optional.empty();
  }

  /** What a node is, with its value when it is a short scalar: {@code the string "yes"}. */
  static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (Tag.NULL.equals(tag)) {
        return "nothing (null)";
      }
      if (Tag.BOOL.equals(tag)) {
        return "the boolean " + scalar.getValue();
      }
      if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
        return "the number " + quote(scalar.getValue());
      }
      return "the string " + quote(scalar.getValue());
    }
    return kind(node);
  }

  /** What a node is, never its value. */
  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (Tag.BOOL.equals(node.getTag())) {
      return "a boolean";
    }
    if (Tag.NULL.equals(node.getTag())) {
      return "nothing (null)";
    }
    return "a scalar";
  }

  /** A value quoted for a message, cut short and with control characters made visible. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    int limit = Math.min(value.length(), ECHO_LIMIT);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (value.length() > ECHO_LIMIT) {
      out.append("...");
    }
    return out.append('"').toString();
  }
}
