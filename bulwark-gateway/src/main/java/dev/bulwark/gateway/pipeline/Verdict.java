package dev.bulwark.gateway.pipeline;

import java.util.Objects;

/**
 * What a stage decided about an exchange: {@link Continue} to hand it to the next stage, or {@link
 * Reject} to stop the pipeline with an HTTP status and a stable reason code.
 *
 * <p>A stage never writes the response itself; the pipeline renders a rejection as {@code
 * {"error","message","rule","requestId"}}, and the same reason code goes to the audit log.
 */
public sealed interface Verdict permits Verdict.Continue, Verdict.Reject {

  /** The only {@link Continue}: deciding to continue allocates nothing. */
  Continue CONTINUE = new Continue();

  /** Shorthand for a rejection that names no rule. */
  static Reject reject(int status, String reason, String message) {
    return new Reject(status, reason, message, null);
  }

  /** Pass the exchange on to the next stage. */
  final class Continue implements Verdict {
    private Continue() {}

    @Override
    public String toString() {
      return "Continue";
    }
  }

  /**
   * Stop here and answer the caller.
   *
   * @param status HTTP status, 4xx or 5xx
   * @param reason stable reason code, for example {@code authz.route_denied}
   * @param message human text; never contains a credential or a request value
   * @param rule id of the route rule that decided, or null
   */
  record Reject(int status, String reason, String message, String rule) implements Verdict {
    public Reject {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }

    /** The same rejection naming the rule that decided. */
    public Reject withRule(String ruleId) {
      return new Reject(status, reason, message, ruleId);
    }
  }
}
