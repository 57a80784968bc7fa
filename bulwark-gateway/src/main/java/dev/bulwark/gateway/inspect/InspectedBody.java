package dev.bulwark.gateway.inspect;

import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.FlowFinding;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * A body after inspection, as the forwarder (request) or the relay (response) must send it.
 *
 * @param body the bytes to send instead of streaming the original; null when the body is to be
 *     streamed untouched (not inspected: too large under {@code oversize: pass}). When {@link
 *     #reject} is set: empty for a response; for a request, the original bytes as received, which
 *     Forward only ever sends when the Inspect stage runs in shadow mode (the pipeline records the
 *     rejection without enforcing it, so the request goes on as if no policy applied)
 * @param changed true when {@link #body} was rewritten: Content-Length must be set to its length
 *     and validators of the old bytes dropped ({@link #REWRITE_STALE_HEADERS})
 * @param findings for the request's audit event (class, direction, path, action; never a value)
 * @param alerted true when an alert action applied
 * @param reject the rejection to answer with instead (request 403/413/415, response 502), or null
 */
public record InspectedBody(
    Buffer body,
    boolean changed,
    List<FlowFinding> findings,
    boolean alerted,
    Verdict.Reject reject) {

  /**
   * Headers describing the exact bytes of the original body, wrong once it is rewritten: drop them
   * (and set Content-Length anew) when {@link #changed}.
   */
  public static final List<String> REWRITE_STALE_HEADERS =
      List.of("Content-Length", "Content-MD5", "ETag", "Digest", "Content-Digest", "Repr-Digest");

  public InspectedBody {
    findings = List.copyOf(findings);
  }

  /** From the outcome on a buffered body: the body (rewritten or not) is sent from memory. */
  static InspectedBody of(InspectOutcome outcome) {
    if (outcome.blocked()) {
      InspectOutcome.Block b = outcome.block();
      return new InspectedBody(
          Buffer.buffer(),
          false,
          outcome.findings(),
          outcome.alerted(),
          Verdict.reject(b.status(), b.reason(), b.message()));
    }
    return new InspectedBody(
        Buffer.buffer(outcome.body()),
        outcome.changed(),
        outcome.findings(),
        outcome.alerted(),
        null);
  }

  /** Not inspected: stream the original as usual. */
  static final InspectedBody STREAM = new InspectedBody(null, false, List.of(), false, null);

  /** True when the caller gets {@link #reject} instead. */
  public boolean blocked() {
    return reject != null;
  }
}
