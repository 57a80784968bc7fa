package dev.bulwark.model.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed route path template such as {@code /services/data/v59.0/sobjects/Contact/{id}}.
 *
 * <p>Grammar: the template starts with {@code /}; segments are separated by single {@code /}; a
 * segment is a literal (one or more RFC 3986 {@code pchar}s, without {@code %} escapes, and not
 * {@code .} or {@code ..}), a variable {@code {name}} matching exactly one segment, or, as the last
 * segment only, {@code {name*}} matching one or more remaining segments. Names match {@code
 * [a-zA-Z_][a-zA-Z0-9_]*} and are unique within a template. A trailing slash is allowed only in the
 * root template {@code /}, which has no segments.
 *
 * <p>Why so strict: templates are matched against the gateway's canonical (decoded, dot-free) path,
 * so anything a canonical path can never contain (escapes, dot segments, empty segments) would be a
 * rule that silently never matches — better refused at load time with its position.
 */
public final class PathTemplate {
  private final String template;
  private final List<Segment> segments;

  private PathTemplate(String template, List<Segment> segments) {
    this.template = template;
    this.segments = List.copyOf(segments);
  }

  /**
   * Parses a template.
   *
   * @throws TemplateException with the 0-based index of the offending character
   */
  public static PathTemplate parse(String template) {
    if (template == null || template.isEmpty() || template.charAt(0) != '/') {
      throw new TemplateException("path template must start with '/'", String.valueOf(template), 0);
    }
    List<Segment> segments = new ArrayList<>();
    if (template.length() == 1) {
      return new PathTemplate(template, segments);
    }
    Set<String> names = new HashSet<>();
    int start = 1;
    while (true) {
      int end = template.indexOf('/', start);
      if (end < 0) {
        end = template.length();
      }
      if (end == start) {
        // an empty segment: '//' inside, or a trailing '/'; point at the slash that ends it
        int at = end < template.length() ? end : end - 1;
        throw new TemplateException(
            end < template.length()
                ? "empty segment ('//')"
                : "trailing '/' (only \"/\" may end with '/')",
            template,
            at);
      }
      if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof Segment.Rest) {
        throw new TemplateException(
            "a {name*} variable must be the last segment",
            template,
            indexOfPrevious(template, start));
      }
      segments.add(segment(template, start, end, names));
      if (end == template.length()) {
        return new PathTemplate(template, segments);
      }
      start = end + 1;
    }
  }

  private static int indexOfPrevious(String template, int start) {
    return template.lastIndexOf('{', start - 1);
  }

  private static Segment segment(String t, int start, int end, Set<String> names) {
    if (t.charAt(start) == '{') {
      return variable(t, start, end, names);
    }
    for (int i = start; i < end; i++) {
      char c = t.charAt(i);
      if (c == '%') {
        throw new TemplateException("'%' escapes are not allowed in templates", t, i);
      }
      if (!isPchar(c)) {
        throw new TemplateException("character '" + c + "' is not allowed in a segment", t, i);
      }
    }
    String value = t.substring(start, end);
    if (value.equals(".") || value.equals("..")) {
      throw new TemplateException("dot segment '" + value + "' is not allowed", t, start);
    }
    return new Segment.Literal(value);
  }

  private static Segment variable(String t, int start, int end, Set<String> names) {
    int close = end - 1;
    if (t.charAt(close) != '}') {
      int brace = t.indexOf('}', start);
      throw new TemplateException(
          brace < 0 || brace >= end ? "unclosed '{'" : "a variable must be the whole segment",
          t,
          brace < 0 || brace >= end ? start : brace + 1);
    }
    boolean rest = close - 1 > start && t.charAt(close - 1) == '*';
    int nameEnd = rest ? close - 1 : close;
    if (nameEnd == start + 1) {
      throw new TemplateException("empty variable name", t, start + 1);
    }
    for (int i = start + 1; i < nameEnd; i++) {
      char c = t.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > start + 1 && c >= '0' && c <= '9');
      if (!ok) {
        throw new TemplateException(
            "variable names match [a-zA-Z_][a-zA-Z0-9_]*, not '" + c + "'", t, i);
      }
    }
    String name = t.substring(start + 1, nameEnd);
    if (!names.add(name)) {
      throw new TemplateException("duplicate variable '" + name + "'", t, start + 1);
    }
    return rest ? new Segment.Rest(name) : new Segment.Variable(name);
  }

  /** RFC 3986 §3.3 pchar without pct-encoded: unreserved / sub-delims / ":" / "@". */
  static boolean isPchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    switch (c) {
      case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@':
        return true;
      default:
        return false;
    }
  }

  /** The template exactly as written. */
  public String template() {
    return template;
  }

  /** The segments in order; empty for the root template {@code /}. */
  public List<Segment> segments() {
    return segments;
  }

  /** Names of the variables, in order. */
  public List<String> variableNames() {
    List<String> out = new ArrayList<>();
    for (Segment s : segments) {
      if (s instanceof Segment.Variable v) {
        out.add(v.name());
      } else if (s instanceof Segment.Rest r) {
        out.add(r.name());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathTemplate p && p.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
