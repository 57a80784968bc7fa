package dev.bulwark.model.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestConditionTest {
  private static final RequestAttributes ATTRS =
      new RequestAttributes(
          "GET",
          "/services/data/v59.0/sobjects/Contact/003",
          Map.of("id", "003"),
          Map.of("limit", "10"),
          Map.of("x-tenant", "acme", "content-type", "application/json"),
          "10.1.2.3",
          Instant.parse("2026-11-24T09:30:00Z"),
          "hubspot-lead-sync",
          List.of("contacts.read"));

  private static boolean eval(String expression) throws ConditionException {
    return RequestCondition.compile(expression).test(ATTRS);
  }

  @Test
  void everyVariableIsReadable() throws ConditionException {
    assertThat(eval("request.method == 'GET'")).isTrue();
    assertThat(eval("request.method == 'POST'")).isFalse();
    assertThat(eval("request.path.startsWith('/services/data/')")).isTrue();
    assertThat(eval("request.vars['id'] == '003'")).isTrue();
    assertThat(eval("request.vars.id.matches('^[0-9]+$')")).isTrue();
    assertThat(eval("int(request.query['limit']) <= 100")).isTrue();
    assertThat(eval("request.headers['x-tenant'] == 'acme'")).isTrue();
    assertThat(eval("source.ip.startsWith('10.')")).isTrue();
    assertThat(eval("now > timestamp('2026-01-01T00:00:00Z')")).isTrue();
    assertThat(eval("now.getHours('UTC') >= 8 && now.getHours('UTC') < 18")).isTrue();
    assertThat(eval("now.getDayOfWeek('UTC') == 2")).isTrue(); // Tuesday
    assertThat(eval("integration.id == 'hubspot-lead-sync'")).isTrue();
    assertThat(eval("'contacts.read' in integration.scopes")).isTrue();
    assertThat(eval("'contacts.write' in integration.scopes")).isFalse();
    assertThat(eval("request.method == 'GET' || 'contacts.write' in integration.scopes")).isTrue();
  }

  @Test
  void missingKeyFailsClosedWithAnError() throws ConditionException {
    RequestCondition c = RequestCondition.compile("request.headers['x-missing'] != 'evil'");
    RequestCondition.Outcome outcome = c.evaluate(ATTRS);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.error()).contains("x-missing");
    assertThat(c.test(ATTRS)).isFalse();
    // presence test is the supported way
    assertThat(eval("!('x-missing' in request.headers) || request.headers['x-missing'] == 'a'"))
        .isTrue();
  }

  @Test
  void nullAttributeFailsClosed() throws ConditionException {
    RequestAttributes noIp =
        new RequestAttributes(
            "GET", "/", Map.of(), Map.of(), Map.of(), null, Instant.EPOCH, "i", List.of());
    RequestCondition c = RequestCondition.compile("source.ip != '1.2.3.4'");
    assertThat(c.evaluate(noIp).passed()).isFalse();
    assertThat(c.evaluate(noIp).error()).isNotNull();
  }

  @Test
  void falseIsNotAnError() throws ConditionException {
    RequestCondition.Outcome outcome =
        RequestCondition.compile("request.method == 'DELETE'").evaluate(ATTRS);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.error()).isNull();
  }

  @Test
  void runtimeErrorsLikeBadConversionsFailClosed() throws ConditionException {
    assertThat(RequestCondition.compile("int(request.headers['x-tenant']) > 0").evaluate(ATTRS))
        .satisfies(
            o -> {
              assertThat(o.passed()).isFalse();
              assertThat(o.error()).isNotBlank();
            });
  }

  @Test
  void syntaxErrorHasLineAndColumn() {
    assertThatThrownBy(() -> RequestCondition.compile("request.method ==\n  && true"))
        .isInstanceOfSatisfying(
            ConditionException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.getMessage()).contains("2:3");
            });
  }

  @Test
  void unknownVariableIsACompileErrorNamingTheKnownOnes() {
    assertThatThrownBy(() -> RequestCondition.compile("request.methd == 'GET'"))
        .isInstanceOfSatisfying(
            ConditionException.class,
            e -> {
              assertThat(e.getMessage())
                  .contains("undeclared reference")
                  .contains("request.method");
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(1);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "request.method",
        "integration.scopes",
        "request.vars",
        "now",
        "1 + 2",
      })
  void nonBoolExpressionsAreRejected(String expression) {
    assertThatThrownBy(() -> RequestCondition.compile(expression))
        .isInstanceOf(ConditionException.class)
        .hasMessageContaining("expected type 'bool'");
  }

  @Test
  void typeErrorsAreCaughtAtCompileTime() {
    assertThatThrownBy(() -> RequestCondition.compile("request.method == 1"))
        .isInstanceOf(ConditionException.class)
        .hasMessageContaining("no matching overload");
    assertThatThrownBy(() -> RequestCondition.compile("integration.scopes == 'a'"))
        .isInstanceOf(ConditionException.class);
  }

  @Test
  void emptyExpressionIsRejected() {
    assertThatThrownBy(() -> RequestCondition.compile("  ")).isInstanceOf(ConditionException.class);
    assertThatThrownBy(() -> RequestCondition.compile(null)).isInstanceOf(ConditionException.class);
  }

  @Test
  void isReusableAcrossThreads() throws Exception {
    RequestCondition c = RequestCondition.compile("request.vars['id'] == '003'");
    Thread[] threads = new Thread[4];
    boolean[] ok = new boolean[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int n = t;
      threads[t] =
          new Thread(
              () -> {
                boolean all = true;
                for (int i = 0; i < 2_000; i++) {
                  all &= c.test(ATTRS);
                }
                ok[n] = all;
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ok).containsOnly(true);
  }
}
