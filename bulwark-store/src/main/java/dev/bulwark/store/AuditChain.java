package dev.bulwark.store;

import dev.bulwark.model.FlowFinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash that links an audit row to the one before it:
 *
 * <pre>hash = hex(SHA-256(UTF-8(prevHash + "\n" + canonical(row))))</pre>
 *
 * <p>The canonical encoding is the line {@code bulwark.audit.v1} followed, each after a {@code
 * "\n"}, by these fields in this order: id, time (epoch microseconds), request id, integration,
 * app, method, path, route rule, decision, reason, status, bytes in, bytes out, latency
 * (microseconds), source address, the number of findings, then per finding its class, direction,
 * path and action. A field is {@code ~} when null, else its UTF-8 byte length, {@code :}, and the
 * value (numbers in decimal). The length prefix makes the encoding unambiguous whatever the values
 * contain, so no two different rows encode alike. The first row's prevHash is 64 zeros.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "bulwark.audit.v1";

  private AuditChain() {}

  /**
   * @throws IllegalArgumentException when the row's findings column is unreadable
   */
  static String hash(String prevHash, AuditRow row) {
    return hash(prevHash, row, FindingsJson.read(row.findings()));
  }

  /** As {@link #hash(String, AuditRow)}, with the row's findings already parsed. */
  static String hash(String prevHash, AuditRow row, List<FlowFinding> findings) {
    return sha256Hex(prevHash + "\n" + canonical(row, findings));
  }

  static String canonical(AuditRow row) {
    return canonical(row, FindingsJson.read(row.findings()));
  }

  private static String canonical(AuditRow row, List<FlowFinding> findings) {
    StringBuilder out = new StringBuilder(256).append(VERSION);
    field(out, Long.toString(row.id()));
    field(out, Long.toString(row.timeMicros()));
    field(out, row.requestId());
    field(out, row.integration());
    field(out, row.app());
    field(out, row.method());
    field(out, row.path());
    field(out, row.routeRule());
    field(out, row.decision());
    field(out, row.reason());
    field(out, Integer.toString(row.status()));
    field(out, Long.toString(row.bytesIn()));
    field(out, Long.toString(row.bytesOut()));
    field(out, Long.toString(row.latencyMicros()));
    field(out, row.sourceAddress());
    field(out, Integer.toString(findings.size()));
    for (FlowFinding f : findings) {
      field(out, f.dataClass());
      field(out, f.direction());
      field(out, f.path());
      field(out, f.action());
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String value) {
    out.append('\n');
    if (value == null) {
      out.append('~');
    } else {
      out.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
    }
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
