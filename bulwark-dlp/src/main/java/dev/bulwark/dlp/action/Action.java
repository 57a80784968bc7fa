package dev.bulwark.dlp.action;

/** What policy does with one finding. */
public enum Action {
  /** Pass the value through, record nothing beyond the finding. */
  ALLOW,
  /** Pass the value through and raise an alert. */
  ALERT,
  /** Replace the value with {@code [REDACTED:<class>]}. */
  REDACT,
  /** Replace every letter and digit but the last four with {@code *}. */
  MASK,
  /** Replace the value with a deterministic keyed token, so joins still work downstream. */
  TOKENIZE,
  /** Stop the whole body: nothing of it may reach the other side. */
  BLOCK
}
