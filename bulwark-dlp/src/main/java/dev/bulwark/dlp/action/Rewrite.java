package dev.bulwark.dlp.action;

import java.util.List;

/**
 * The outcome of applying actions to a body.
 *
 * @param body the body to forward: the original bytes when nothing changed, the rewritten bytes
 *     otherwise, and empty when blocked (a blocked body must never be forwarded)
 * @param blocked true when any finding's action is BLOCK
 * @param changed true when the body was rewritten
 * @param applied every finding with its action, in body order
 */
public record Rewrite(byte[] body, boolean blocked, boolean changed, List<Applied> applied) {
  public Rewrite {
    applied = List.copyOf(applied);
  }
}
