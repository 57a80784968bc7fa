package dev.bulwark.store;

import dev.bulwark.model.FlowFinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
 *
 * <p>An instance encodes straight into one reusable byte buffer and hashes it with one reusable
 * digest, so chaining a batch allocates no intermediate strings (the audit writer's hot path). It
 * is not thread-safe: use one per batch or per thread.
 */
final class AuditChain {
  static final String GENESIS = "0".repeat(64);
  private static final byte[] VERSION = "bulwark.audit.v1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest sha256;
  private byte[] buffer = new byte[512];
  private int length;

  AuditChain() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /**
   * @throws IllegalArgumentException when the row's findings column is unreadable
   */
  static String hash(String prevHash, AuditRow row) {
    return new AuditChain().next(prevHash, row, FindingsJson.read(row.findings()));
  }

  /** The canonical text of {@code row} (without the prevHash line), as documented above. */
  static String canonical(AuditRow row) {
    AuditChain chain = new AuditChain();
    chain.length = 0;
    chain.encode(row, FindingsJson.read(row.findings()));
    return new String(chain.buffer, 0, chain.length, StandardCharsets.UTF_8);
  }

  /** The hash of {@code row}, with its findings already parsed, after {@code prevHash}. */
  String next(String prevHash, AuditRow row, List<FlowFinding> findings) {
    length = 0;
    ascii(prevHash);
    ensure(1);
    buffer[length++] = '\n';
    encode(row, findings);
    sha256.update(buffer, 0, length);
    return HEX.formatHex(sha256.digest());
  }

  private void encode(AuditRow row, List<FlowFinding> findings) {
    raw(VERSION);
    field(row.id());
    field(row.timeMicros());
    field(row.requestId());
    field(row.integration());
    field(row.app());
    field(row.method());
    field(row.path());
    field(row.routeRule());
    field(row.decision());
    field(row.reason());
    field(row.status());
    field(row.bytesIn());
    field(row.bytesOut());
    field(row.latencyMicros());
    field(row.sourceAddress());
    field(findings.size());
    for (FlowFinding f : findings) {
      field(f.dataClass());
      field(f.direction());
      field(f.path());
      field(f.action());
    }
  }

  private void field(String value) {
    if (value == null) {
      ensure(2);
      buffer[length++] = '\n';
      buffer[length++] = '~';
      return;
    }
    int n = value.length();
    if (!isAscii(value, n)) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      lengthPrefix(utf8.length);
      raw(utf8);
      return;
    }
    lengthPrefix(n);
    copyAscii(value, n);
  }

  private static boolean isAscii(String value, int n) {
    for (int i = 0; i < n; i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private void lengthPrefix(int byteLength) {
    ensure(1);
    buffer[length++] = '\n';
    decimal(byteLength);
    ensure(1);
    buffer[length++] = ':';
  }

  /** A number field: its decimal digits, prefixed by their count. */
  private void field(long value) {
    if (value == Long.MIN_VALUE) {
      field(Long.toString(value)); // no positive counterpart to negate
      return;
    }
    int digits = digits(value);
    lengthPrefix(digits);
    decimal(value);
  }

  private static int digits(long value) {
    int n = value < 0 ? 2 : 1;
    for (long v = Math.abs(value); v >= 10; v /= 10) {
      n++;
    }
    return n;
  }

  private void decimal(long value) {
    ensure(20);
    if (value < 0) {
      buffer[length++] = '-';
      value = -value;
    }
    int end = length + digits(value);
    int at = end;
    do {
      buffer[--at] = (byte) ('0' + (value % 10));
      value /= 10;
    } while (value != 0);
    length = end;
  }

  private void ascii(String value) {
    int n = value.length();
    if (!isAscii(value, n)) {
      raw(value.getBytes(StandardCharsets.UTF_8));
      return;
    }
    copyAscii(value, n);
  }

  /** ASCII text: one byte per char, exactly what {@code getBytes(UTF_8)} gives. */
  private void copyAscii(String value, int n) {
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length + i] = (byte) value.charAt(i);
    }
    length += n;
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }
}
