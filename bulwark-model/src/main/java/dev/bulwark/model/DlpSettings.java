package dev.bulwark.model;

import java.util.List;
import java.util.Objects;

/**
 * The top-level {@code dlp:} section: custom detectors, the policy for integrations that declare
 * none of their own, and how much body the gateway may buffer to inspect.
 *
 * @param detectors custom detectors, in file order
 * @param defaultPolicy applies, direction by direction, to every integration that does not write
 *     that direction itself (the loader resolves this into {@link Integration#dlp()})
 * @param maxBodyBytes the largest body buffered for inspection
 * @param oversize what happens to a larger body in an inspected direction: {@link DlpAction#BLOCK}
 *     (the default: fail closed) or {@link DlpAction#ALLOW} (pass it uninspected)
 */
public record DlpSettings(
    List<DlpDetector> detectors, DlpPolicy defaultPolicy, long maxBodyBytes, DlpAction oversize) {

  /** 8 MiB: larger than any sane API payload, small enough to hold a few hundred at once. */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

  /** No custom detector, no default policy. */
  public static final DlpSettings NONE =
      new DlpSettings(List.of(), DlpPolicy.NONE, DEFAULT_MAX_BODY_BYTES, DlpAction.BLOCK);

  public DlpSettings {
    detectors = List.copyOf(detectors);
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
    }
    if (oversize != DlpAction.BLOCK && oversize != DlpAction.ALLOW) {
      throw new IllegalArgumentException("oversize is block or allow, not " + oversize);
    }
  }
}
