package dev.bulwark.model.config;

import dev.bulwark.model.RouteRule;
import dev.bulwark.model.route.PathTemplate;
import dev.bulwark.model.route.TemplateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads an integration's {@code routes}: each is {@code "METHOD /template"} or {@code {id, method,
 * path}}. Templates are parsed by {@link PathTemplate}, the one grammar the gateway matches with,
 * and a template error is placed at the offending character. Rule ids are the given id or {@code
 * <integration>#<index>}; given ids are unique across the whole perimeter, since the audit log and
 * a 403 body name a rule by its id alone.
 */
final class RouteReader {
  static final List<String> KEYS = List.of("id", "method", "path");
  static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*");

  private final Problems problems;
  private final Ids ruleIds;

  RouteReader(Problems problems) {
    this.problems = problems;
    this.ruleIds = new Ids("route", problems);
  }

  /** The rules, or empty when any of them is bad (the errors are reported). */
  Optional<List<RouteRule>> read(List<Node> entries, String path, String integrationId) {
    List<RouteRule> rules = new ArrayList<>();
    boolean allGood = true;
    for (int i = 0; i < entries.size(); i++) {
      String entryPath = path + "[" + i + "]";
      String fallbackId = integrationId + "#" + i;
      Optional<RouteRule> rule = readRule(entries.get(i), entryPath, fallbackId);
      rule.ifPresent(rules::add);
      allGood &= rule.isPresent();
    }
    return allGood ? Optional.of(rules) : Optional.empty();
  }

  private Optional<RouteRule> readRule(Node entry, String path, String fallbackId) {
    if (entry instanceof MappingNode mapping) {
      return readLongForm(mapping, path, fallbackId);
    }
    if (entry instanceof ScalarNode scalar && !Scalars.isNull(scalar)) {
      return readShortForm(scalar, path, fallbackId);
    }
    problems.at(
        entry,
        path,
        "expected \"METHOD /path/template\" or {id, method, path}, got " + Scalars.describe(entry));
    return Optional.empty();
  }

  private Optional<RouteRule> readShortForm(ScalarNode node, String path, String id) {
    Optional<String> text = Scalars.string(node, path, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get();
    int methodStart = skipSpaces(value, 0);
    int methodEnd = skipWord(value, methodStart);
    int templateStart = skipSpaces(value, methodEnd);
    int templateEnd = skipWord(value, templateStart);
    if (templateStart == templateEnd || skipSpaces(value, templateEnd) != value.length()) {
      problems.at(
          node,
          path,
          "expected \"METHOD /path/template\" (two words, e.g. \"GET /v1/contacts/{id}\"), got "
              + Scalars.quote(value));
      return Optional.empty();
    }
    Optional<String> method = method(node, path, value.substring(methodStart, methodEnd));
    Optional<String> template =
        template(node, templateStart, path, value.substring(templateStart, templateEnd));
    if (method.isEmpty() || template.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RouteRule(id, method.get(), template.get()));
  }

  private Optional<RouteRule> readLongForm(MappingNode mapping, String path, String fallbackId) {
    Fields fields = new Fields(mapping, path, KEYS, problems);
    Optional<String> id =
        fields.optional("id").isPresent()
            ? ruleIds.claim(fields.optional("id").get(), fields.path("id"))
            : Optional.of(fallbackId);
    Optional<String> method =
        fields
            .required("method")
            .flatMap(
                n ->
                    Scalars.string(n, fields.path("method"), problems)
                        .flatMap(m -> method(n, fields.path("method"), m)));
    Optional<String> template =
        fields
            .required("path")
            .flatMap(
                n ->
                    Scalars.string(n, fields.path("path"), problems)
                        .flatMap(t -> template((ScalarNode) n, 0, fields.path("path"), t)));
    if (id.isEmpty() || method.isEmpty() || template.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RouteRule(id.get(), method.get(), template.get()));
  }

  private Optional<String> method(Node node, String path, String written) {
    String method = written.toUpperCase(Locale.ROOT);
    if (METHODS.contains(method)) {
      return Optional.of(method);
    }
    problems.at(
        node,
        path,
        "unknown HTTP method "
            + Scalars.quote(written)
            + NearestName.hint(method, METHODS)
            + " (allowed: "
            + String.join(", ", METHODS)
            + ")");
    return Optional.empty();
  }

  /**
   * Parses with the gateway's grammar; {@code offset} is where the template starts in the scalar.
   */
  private Optional<String> template(ScalarNode node, int offset, String path, String template) {
    try {
      PathTemplate.parse(template);
      return Optional.of(template);
    } catch (TemplateException e) {
      problems.atChar(node, offset + e.index(), path, "invalid path template: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static int skipSpaces(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipWord(String s, int from) {
    int i = from;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
