package dev.bulwark.gateway.pipeline;

import java.util.Objects;

/**
 * A header the broker injects into the upstream request, for example {@code Authorization: Bearer
 * ...}. Its {@link #toString()} never shows the value, so a log line cannot leak it.
 *
 * @param header header name
 * @param value full header value, secret included
 */
public record UpstreamCredential(String header, String value) {
  public UpstreamCredential {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "UpstreamCredential[header=" + header + ", value=<redacted>]";
  }
}
