package dev.bulwark.model.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

  @Test
  void parsesLiteralsVariablesAndRest() {
    PathTemplate t = PathTemplate.parse("/services/data/v59.0/sobjects/Contact/{id}");
    assertThat(t.template()).isEqualTo("/services/data/v59.0/sobjects/Contact/{id}");
    assertThat(t.segments())
        .containsExactly(
            new Segment.Literal("services"),
            new Segment.Literal("data"),
            new Segment.Literal("v59.0"),
            new Segment.Literal("sobjects"),
            new Segment.Literal("Contact"),
            new Segment.Variable("id"));

    PathTemplate rest = PathTemplate.parse("/query/{q_1}/{rest*}");
    assertThat(rest.segments())
        .containsExactly(
            new Segment.Literal("query"), new Segment.Variable("q_1"), new Segment.Rest("rest"));
    assertThat(rest.variableNames()).containsExactly("q_1", "rest");
  }

  @Test
  void rootTemplateHasNoSegments() {
    assertThat(PathTemplate.parse("/").segments()).isEmpty();
  }

  @Test
  void acceptsEveryPcharInLiterals() {
    String all = "azAZ09-._~!$&'()*+,;=:@";
    assertThat(PathTemplate.parse("/" + all).segments()).containsExactly(new Segment.Literal(all));
    assertThat(PathTemplate.parse("/...").segments()).containsExactly(new Segment.Literal("..."));
    assertThat(PathTemplate.parse("/*").segments()).containsExactly(new Segment.Literal("*"));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" fails at {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "''                | 0 | start with '/'",
        "a/b               | 0 | start with '/'",
        "/a//b             | 3 | empty segment",
        "//                | 1 | empty segment",
        "/a/               | 2 | trailing '/'",
        "/a/./b            | 3 | dot segment",
        "/a/..             | 3 | dot segment",
        "/a%20b            | 2 | '%' escapes",
        "/a b              | 2 | ' '",
        "/a\\b             | 2 | '\\'",
        "/caf\u00e9        | 4 | 'é'",
        "/a{b}             | 2 | '{'",
        "/a}               | 2 | '}'",
        "/{}               | 2 | empty variable name",
        "/{*}              | 2 | empty variable name",
        "/{1a}             | 2 | not '1'",
        "/{a-b}            | 3 | not '-'",
        "/{a b}            | 3 | not ' '",
        "/{abc             | 1 | unclosed",
        "/x/{a}b           | 6 | whole segment",
        "/{a}/{a}          | 6 | duplicate variable 'a'",
        "/{a}/{a*}         | 6 | duplicate variable 'a'",
        "/{rest*}/b        | 1 | must be the last",
        "/x/{a*}/{b*}      | 3 | must be the last",
        "/{a**}            | 3 | not '*'",
      })
  void rejectsWithIndex(String template, int index, String message) {
    assertThatThrownBy(() -> PathTemplate.parse(template))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.getMessage()).contains(message).contains("at index " + index);
            })
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> PathTemplate.parse(null))
        .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.index()).isZero());
  }

  @Test
  void equalityFollowsTheText() {
    assertThat(PathTemplate.parse("/a/{b}")).isEqualTo(PathTemplate.parse("/a/{b}"));
    assertThat(PathTemplate.parse("/a/{b}")).isNotEqualTo(PathTemplate.parse("/a/{c}"));
    assertThat(PathTemplate.parse("/a/{b}").segments()).isInstanceOf(List.class);
  }
}
