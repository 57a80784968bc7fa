package dev.bulwark.gateway.authorize;

import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.route.PathTemplate;
import dev.bulwark.model.route.Segment;
import dev.bulwark.model.route.TemplateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route rule of an integration that allows a method and canonical path.
 *
 * <p>Built once per {@link Perimeter}: one segment trie per integration, each node holding a hash
 * map of literal children, at most one variable child and at most one rest child ({@code {name*}}).
 * A match walks the path's segments, trying the literal child first, then the variable, then the
 * rest, backtracking when a branch dead-ends. Each trie node is entered at most once per match, so
 * the cost is O(path segments) for ordinary tables and never more than the size of one
 * integration's trie; it does not depend on the number of integrations or rules.
 *
 * <p>Precedence when several rules fit: a literal segment beats a variable, a variable beats a
 * rest, segment by segment from the left; among rules with the same template, an exact method beats
 * {@code *}, then declaration order. Only non-empty segments match literals and variables; a path
 * with a trailing slash ({@code /x/}) can only be matched by a rest variable, which then includes
 * the slash.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class RouteTable {
  private final Map<String, Node> roots;

  private RouteTable(Map<String, Node> roots) {
    this.roots = roots;
  }

  /**
   * Builds the tries of every integration of {@code perimeter}.
   *
   * @throws IllegalArgumentException naming the integration and rule when a template is invalid
   *     (config validation should have caught it)
   */
  public static RouteTable compile(Perimeter perimeter) {
    Map<String, Node> roots = new HashMap<>(perimeter.integrations().size() * 2);
    for (Integration integration : perimeter.integrations().values()) {
      Node root = new Node();
      for (RouteRule rule : integration.routes()) {
        add(root, integration, rule);
      }
      roots.put(integration.id(), root);
    }
    return new RouteTable(roots);
  }

  private static void add(Node root, Integration integration, RouteRule rule) {
    PathTemplate template;
    try {
      template = PathTemplate.parse(rule.pathTemplate());
    } catch (TemplateException e) {
      throw new IllegalArgumentException(
          "integration '" + integration.id() + "' rule '" + rule.id() + "': " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    Node node = root;
    for (Segment segment : template.segments()) {
      if (segment instanceof Segment.Literal literal) {
        node = node.literal(literal.value());
      } else if (segment instanceof Segment.Variable variable) {
        names.add(variable.name());
        node = node.variable();
      } else if (segment instanceof Segment.Rest rest) {
        names.add(rest.name());
        node = node.rest();
      }
    }
    node.accept(new Entry(rule, names.toArray(new String[0])));
  }

  /** The rule of {@code integrationId} allowing {@code method} on {@code canonicalPath}, if any. */
  public Optional<RouteMatch> match(String integrationId, String method, String canonicalPath) {
    return Optional.ofNullable(find(integrationId, method, canonicalPath));
  }

  /** As {@link #match} but null when nothing matches (no Optional on the hot path). */
  RouteMatch find(String integrationId, String method, String canonicalPath) {
    Node root = roots.get(integrationId);
    if (root == null || canonicalPath == null || canonicalPath.isEmpty()) {
      return null;
    }
    Path path = Path.split(canonicalPath);
    return path == null ? null : walk(root, path, 0, new String[path.count + 1], 0, method);
  }

  private static RouteMatch walk(
      Node node, Path path, int i, String[] captures, int captured, String method) {
    if (i == path.count) {
      Entry entry = node.entry(method);
      return entry == null ? null : entry.match(captures, captured);
    }
    String segment = path.segments[i];
    if (!segment.isEmpty()) {
      Node literal = node.literals == null ? null : node.literals.get(segment);
      if (literal != null) {
        RouteMatch found = walk(literal, path, i + 1, captures, captured, method);
        if (found != null) {
          return found;
        }
      }
      if (node.variable != null) {
        captures[captured] = segment;
        RouteMatch found = walk(node.variable, path, i + 1, captures, captured + 1, method);
        if (found != null) {
          return found;
        }
      }
    }
    if (node.rest != null && !segment.isEmpty()) {
      Entry entry = node.rest.entry(method);
      if (entry != null) {
        captures[captured] = path.text.substring(path.starts[i]);
        return entry.match(captures, captured + 1);
      }
    }
    return null;
  }

  /** The canonical path cut into segments; a trailing slash gives a final empty segment. */
  private static final class Path {
    final String text;
    final String[] segments;
    final int[] starts;
    final int count;

    private Path(String text, String[] segments, int[] starts, int count) {
      this.text = text;
      this.segments = segments;
      this.starts = starts;
      this.count = count;
    }

    static Path split(String path) {
      if (path.charAt(0) != '/') {
        return null;
      }
      if (path.length() == 1) {
        return new Path(path, new String[0], new int[0], 0);
      }
      int n = 1;
      for (int i = 1; i < path.length(); i++) {
        if (path.charAt(i) == '/') {
          n++;
        }
      }
      String[] segments = new String[n];
      int[] starts = new int[n];
      int start = 1;
      for (int s = 0; s < n; s++) {
        int end = path.indexOf('/', start);
        if (end < 0) {
          end = path.length();
        }
        segments[s] = path.substring(start, end);
        starts[s] = start;
        start = end + 1;
      }
      return new Path(path, segments, starts, n);
    }
  }

  /** One trie node; mutable only while the table is built. */
  private static final class Node {
    HashMap<String, Node> literals;
    Node variable;
    Node rest;
    List<Entry> entries;

    Node literal(String value) {
      if (literals == null) {
        literals = new HashMap<>(4);
      }
      return literals.computeIfAbsent(value, v -> new Node());
    }

    Node variable() {
      if (variable == null) {
        variable = new Node();
      }
      return variable;
    }

    Node rest() {
      if (rest == null) {
        rest = new Node();
      }
      return rest;
    }

    void accept(Entry entry) {
      if (entries == null) {
        entries = new ArrayList<>(2);
      }
      entries.add(entry);
    }

    /** The first rule here naming {@code method} exactly, else the first with {@code *}. */
    Entry entry(String method) {
      if (entries == null) {
        return null;
      }
      Entry any = null;
      for (Entry e : entries) {
        if (e.method.equals(method)) {
          return e;
        }
        if (any == null && e.method.equals("*")) {
          any = e;
        }
      }
      return any;
    }
  }

  /** A rule at the end of a trie path, with its variable names in segment order. */
  private static final class Entry {
    final RouteRule rule;
    final String method;
    final String[] names;
    final RouteMatch withoutVars;

    Entry(RouteRule rule, String[] names) {
      this.rule = rule;
      this.method = rule.method().toUpperCase(Locale.ROOT);
      this.names = names;
      this.withoutVars = names.length == 0 ? new RouteMatch(rule, Map.of()) : null;
    }

    RouteMatch match(String[] captures, int captured) {
      if (withoutVars != null) {
        return withoutVars;
      }
      Map<String, String> vars = new LinkedHashMap<>(names.length * 2);
      for (int k = 0; k < names.length && k < captured; k++) {
        vars.put(names[k], captures[k]);
      }
      return new RouteMatch(rule, Collections.unmodifiableMap(vars));
    }
  }
}
