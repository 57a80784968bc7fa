package dev.bulwark.model.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled CEL condition over one request, deciding true/false from {@link RequestAttributes}.
 *
 * <p>Variables (all typed, so mistakes are caught at load time): {@code request.method} string,
 * {@code request.path} string, {@code request.vars} map(string, string), {@code request.query}
 * map(string, string), {@code request.headers} map(string, string), {@code source.ip} string,
 * {@code now} timestamp, {@code integration.id} string, {@code integration.scopes} list(string).
 * The expression must be of type bool.
 *
 * <p>Failure semantics (fail closed): an evaluation error — a missing map key such as {@code
 * request.headers['x-tenant']} when the header is absent, a null attribute, a bad regex — yields
 * {@link Outcome#passed()} false with the error text in {@link Outcome#error()}; the caller maps
 * both a false result and an error to {@code authz.condition_false}. {@link #test} is the shortcut
 * that drops the error text. Write {@code 'x-tenant' in request.headers && ...} to test presence.
 *
 * <p>Design: the variables are declared as CEL qualified identifiers ({@code request.method} is one
 * name, not a field of a map), so each is looked up lazily by name — no map of maps is built per
 * request. The compiler and runtime are built once; a program per expression is immutable and
 * thread-safe.
 */
public final class RequestCondition {
  /** The declared variables and their CEL types, in documentation order. */
  public static final Map<String, CelType> VARIABLES = variables();

  private static final CelCompiler COMPILER = compiler();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final String expression;
  private final CelRuntime.Program program;

  private RequestCondition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  private static Map<String, CelType> variables() {
    CelType strings = MapType.create(SimpleType.STRING, SimpleType.STRING);
    Map<String, CelType> vars = new LinkedHashMap<>();
    vars.put("request.method", SimpleType.STRING);
    vars.put("request.path", SimpleType.STRING);
    vars.put("request.vars", strings);
    vars.put("request.query", strings);
    vars.put("request.headers", strings);
    vars.put("source.ip", SimpleType.STRING);
    vars.put("now", SimpleType.TIMESTAMP);
    vars.put("integration.id", SimpleType.STRING);
    vars.put("integration.scopes", ListType.create(SimpleType.STRING));
    return java.util.Collections.unmodifiableMap(vars);
  }

  private static CelCompiler compiler() {
    var builder = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
    VARIABLES.forEach(builder::addVar);
    return builder.build();
  }

  /**
   * Parses and type-checks {@code expression}.
   *
   * @throws ConditionException with CEL's message and the 1-based line/column of the first error
   */
  public static RequestCondition compile(String expression) throws ConditionException {
    if (expression == null || expression.isBlank()) {
      throw new ConditionException("condition is empty", -1, -1);
    }
    CelValidationResult result = COMPILER.compile(expression);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      CelSourceLocation at = first.getSourceLocation();
      boolean known = at != null && !at.equals(CelSourceLocation.NONE) && at.getLine() > 0;
      String message = result.getErrorString();
      if (message.contains("undeclared reference")) {
        message += "\nknown variables: " + String.join(", ", VARIABLES.keySet());
      }
      throw new ConditionException(
          message, known ? at.getLine() : -1, known ? at.getColumn() + 1 : -1);
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new RequestCondition(expression, RUNTIME.createProgram(ast));
    } catch (dev.cel.common.CelException e) {
      throw new ConditionException(e.getMessage(), -1, -1);
    }
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /** True only when the expression evaluates to true; false on false and on any error. */
  public boolean test(RequestAttributes attrs) {
    return evaluate(attrs).passed();
  }

  /** Evaluates the expression; never throws for request-dependent problems (fail closed). */
  public Outcome evaluate(RequestAttributes attrs) {
    Object value;
    try {
      value = program.eval(resolver(attrs));
    } catch (CelEvaluationException e) {
      return new Outcome(false, e.getMessage());
    } catch (RuntimeException e) {
      // CEL should wrap everything; if it does not, this is still a denial, never a pass
      return new Outcome(false, "evaluation failed: " + e.getClass().getSimpleName());
    }
    if (value instanceof Boolean b) {
      return b ? Outcome.PASSED : Outcome.FALSE;
    }
    return new Outcome(false, "condition did not evaluate to a bool");
  }

  private static CelVariableResolver resolver(RequestAttributes a) {
    return name -> Optional.ofNullable(lookup(a, name));
  }

  private static Object lookup(RequestAttributes a, String name) {
    return switch (name) {
      case "request.method" -> a.method();
      case "request.path" -> a.path();
      case "request.vars" -> a.vars();
      case "request.query" -> a.query();
      case "request.headers" -> a.headers();
      case "source.ip" -> a.sourceIp();
      case "now" -> a.now();
      case "integration.id" -> a.integrationId();
      case "integration.scopes" -> a.scopes();
      default -> null;
    };
  }

  @Override
  public String toString() {
    return expression;
  }

  /**
   * The result of one evaluation.
   *
   * @param passed true only when the expression evaluated to true
   * @param error why evaluation failed (which then counts as false), or null when it did not
   */
  public record Outcome(boolean passed, String error) {
    static final Outcome PASSED = new Outcome(true, null);
    static final Outcome FALSE = new Outcome(false, null);
  }
}
