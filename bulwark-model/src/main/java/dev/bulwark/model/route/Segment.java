package dev.bulwark.model.route;

/** One segment of a {@link PathTemplate}: a literal, a one-segment variable, or a final rest. */
public sealed interface Segment {

  /** Matches exactly the decoded segment {@code value}. */
  record Literal(String value) implements Segment {}

  /** {@code {name}}: matches any one non-empty segment and binds it to {@code name}. */
  record Variable(String name) implements Segment {}

  /** {@code {name*}}: last only; matches one or more remaining segments, bound joined by '/'. */
  record Rest(String name) implements Segment {}
}
