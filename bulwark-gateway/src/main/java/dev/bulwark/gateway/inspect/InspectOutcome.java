package dev.bulwark.gateway.inspect;

import dev.bulwark.model.FlowFinding;
import java.util.List;

/**
 * What inspecting one body decided.
 *
 * @param body the bytes to send on: the original array when nothing changed, the rewritten bytes
 *     when a redact/mask/tokenize applied, empty when blocked (a blocked body is never sent)
 * @param changed true when {@link #body} differs from the input
 * @param block the rejection when the body must not pass, or null
 * @param alerted true when any finding's action is alert
 * @param inspected false when the body was passed without a scan (no policy for the direction, a
 *     binary content type, or too large under {@code oversize: pass})
 * @param findings for the audit event: class, direction, path and action of each finding, never the
 *     value; identical entries collapsed, at most {@link BodyInspector#MAX_AUDIT_FINDINGS}
 */
public record InspectOutcome(
    byte[] body,
    boolean changed,
    Block block,
    boolean alerted,
    boolean inspected,
    List<FlowFinding> findings) {

  public InspectOutcome {
    findings = List.copyOf(findings);
  }

  /** Passed untouched without a scan. */
  static InspectOutcome skipped(byte[] body) {
    return new InspectOutcome(body, false, null, false, false, List.of());
  }

  /** True when the body must not reach the other side. */
  public boolean blocked() {
    return block != null;
  }

  /**
   * Why a body was stopped, for the error response and the audit event.
   *
   * @param status 403 for a request (the caller sent what policy forbids), 413 for a request too
   *     large to inspect, 502 for a response (the app sent it; the caller gets nothing of it)
   * @param reason stable reason code: {@code dlp.blocked}, {@code dlp.body_too_large} or {@code
   *     dlp.encoded_body}
   * @param message human text naming classes, never values
   */
  public record Block(int status, String reason, String message) {}
}
