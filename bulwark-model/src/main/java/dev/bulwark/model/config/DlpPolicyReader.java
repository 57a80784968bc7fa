package dev.bulwark.model.config;

import dev.bulwark.model.Classification;
import dev.bulwark.model.DlpAction;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.DlpRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a DLP policy ({@code {request: {...}, response: {...}}}) and its direction maps. A key of a
 * direction map is a data class id, a class prefix ending in {@code .*}, a classification level or
 * {@code default}; a value is an action.
 *
 * <p>A class key must name a class this file declares (in the taxonomy or as a custom detector):
 * the taxonomy is where a class gets its level and the data map its name, and a typo must not
 * silently leave a class unprotected. A prefix must start at least one declared class or be one of
 * the built-in catalog's families ({@link #CATALOG_FAMILIES}), whose classes need not all be
 * declared. Whether a detector really produces a class is known only to the gateway, which holds
 * the catalog; it reports the policy keys nothing can produce when it starts.
 */
final class DlpPolicyReader {
  static final List<String> POLICY_KEYS = List.of("request", "response");

  /** Families of the built-in detector catalog (bulwark-dlp); reserved for its classes. */
  static final List<String> CATALOG_FAMILIES = List.of("pii", "fin", "secret");

  static final String DEFAULT_KEY = "default";

  private static final List<String> ACTIONS =
      Arrays.stream(DlpAction.values()).map(DlpAction::id).toList();

  private final Problems problems;
  private final Set<String> declared;

  /**
   * @param declared every data class id the file declares: taxonomy plus custom detectors
   */
  DlpPolicyReader(Problems problems, Set<String> declared) {
    this.problems = problems;
    this.declared = declared;
  }

  /**
   * A policy; a direction the policy does not write is taken from {@code fallback}. Empty after
   * reporting when anything in it is wrong.
   */
  Optional<DlpPolicy> read(Node node, String path, DlpPolicy fallback) {
    Optional<MappingNode> mapping = Scalars.mapping(node, path, problems);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = new Fields(mapping.get(), path, POLICY_KEYS, problems);
    Optional<DlpRules> request = direction(fields, "request", fallback.request());
    Optional<DlpRules> response = direction(fields, "response", fallback.response());
    if (request.isEmpty() || response.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DlpPolicy(request.get(), response.get()));
  }

  /**
   * One direction: absent takes the fallback; an explicit empty mapping ({@code {}}) or null turns
   * inspection off for it.
   */
  private Optional<DlpRules> direction(Fields fields, String key, DlpRules fallback) {
    if (!fields.has(key)) {
      return Optional.of(fallback);
    }
    Optional<Node> value = fields.optional(key);
    if (value.isEmpty()) {
      return Optional.of(DlpRules.NONE);
    }
    return rules(value.get(), fields.path(key));
  }

  /** A direction map. */
  Optional<DlpRules> rules(Node node, String path) {
    Optional<MappingNode> mapping = Scalars.mapping(node, path, problems);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Map<String, DlpAction> classes = new LinkedHashMap<>();
    Map<String, DlpAction> prefixes = new LinkedHashMap<>();
    Map<Classification, DlpAction> levels = new LinkedHashMap<>();
    DlpAction fallback = null;
    Map<String, Node> seen = new LinkedHashMap<>();
    boolean good = true;
    for (NodeTuple tuple : mapping.get().getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalar) || Scalars.isNull(keyNode)) {
        problems.at(keyNode, path, "keys must be plain names, got " + Scalars.kind(keyNode));
        good = false;
        continue;
      }
      String key = scalar.getValue();
      String keyPath = Fields.child(path, Fields.label(key));
      Node first = seen.putIfAbsent(key, keyNode);
      if (first != null) {
        problems.at(keyNode, keyPath, "duplicate key (first at line " + Fields.line(first) + ")");
        good = false;
        continue;
      }
      Optional<DlpAction> action = action(tuple.getValueNode(), keyPath);
      Optional<Classification> level = level(key);
      if (key.equals(DEFAULT_KEY)) {
        fallback = action.orElse(null);
      } else if (level.isPresent()) {
        action.ifPresent(a -> levels.put(level.get(), a));
      } else if (key.endsWith(".*")) {
        String prefix = key.substring(0, key.length() - 1);
        if (prefixKnown(keyNode, keyPath, prefix)) {
          action.ifPresent(a -> prefixes.put(prefix, a));
        } else {
          good = false;
        }
      } else if (classKnown(keyNode, keyPath, key)) {
        action.ifPresent(a -> classes.put(key, a));
      } else {
        good = false;
      }
      good &= action.isPresent();
    }
    return good ? Optional.of(new DlpRules(classes, prefixes, levels, fallback)) : Optional.empty();
  }

  private Optional<DlpAction> action(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<DlpAction> action = DlpAction.byId(name.get());
    if (action.isEmpty()) {
      problems.at(
          node,
          path,
          "unknown action "
              + Scalars.quote(name.get())
              + NearestName.hint(name.get(), ACTIONS)
              + " (known: "
              + String.join(", ", ACTIONS)
              + ")");
    }
    return action;
  }

  private static Optional<Classification> level(String key) {
    for (Classification c : Classification.values()) {
      if (c.id().equals(key)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private boolean classKnown(Node keyNode, String path, String key) {
    if (declared.contains(key)) {
      return true;
    }
    List<String> names = new ArrayList<>(declared);
    names.add(DEFAULT_KEY);
    for (Classification c : Classification.values()) {
      names.add(c.id());
    }
    problems.at(
        keyNode,
        path,
        "unknown data class "
            + Scalars.quote(key)
            + " (declare it under classification or dlp.detectors; other keys: a prefix like"
            + " secret.*, a level or default)"
            + NearestName.hint(key, names));
    return false;
  }

  private boolean prefixKnown(Node keyNode, String path, String prefix) {
    String family = prefix.substring(0, prefix.length() - 1);
    if (prefix.length() > 1
        && Ids.SHAPE.matcher(family).matches()
        && (CATALOG_FAMILIES.contains(family)
            || declared.stream().anyMatch(id -> id.startsWith(prefix)))) {
      return true;
    }
    List<String> families = new ArrayList<>();
    for (String f : CATALOG_FAMILIES) {
      families.add(f + ".*");
    }
    problems.at(
        keyNode,
        path,
        "class prefix "
            + Scalars.quote(prefix + "*")
            + " matches no declared data class"
            + NearestName.hint(prefix + "*", families)
            + " (built-in families: "
            + String.join(", ", families)
            + ")");
    return false;
  }
}
