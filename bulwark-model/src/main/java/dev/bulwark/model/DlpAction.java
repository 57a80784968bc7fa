package dev.bulwark.model;

import java.util.Locale;
import java.util.Optional;

/** What a DLP policy does with one finding, as written in perimeter.yaml. */
public enum DlpAction {
  /** Pass the value through; the finding is still recorded. */
  ALLOW,
  /** Pass the value through and raise an alert. */
  ALERT,
  /** Replace the value with {@code [REDACTED:<class>]}. */
  REDACT,
  /** Keep the last four letters or digits, star the rest. */
  MASK,
  /** Replace the value with a deterministic keyed token, so joins still work downstream. */
  TOKENIZE,
  /** Stop the whole body (request 403, response 502): nothing of it reaches the other side. */
  BLOCK;

  /** The lower-case name used in perimeter.yaml and in audit findings. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the actions that rewrite the body. */
  public boolean rewrites() {
    return this == REDACT || this == MASK || this == TOKENIZE;
  }

  /** The action named {@code id} ({@code redact}), if any. */
  public static Optional<DlpAction> byId(String id) {
    for (DlpAction a : values()) {
      if (a.id().equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
