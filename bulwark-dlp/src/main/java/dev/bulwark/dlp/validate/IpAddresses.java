package dev.bulwark.dlp.validate;

/**
 * Strict IP address grammar: dotted-quad IPv4 without leading zeros (RFC 6943 §3.1.1 warns that
 * "010" is read as octal by some parsers) and RFC 4291 §2.2 IPv6 text forms, including "::"
 * compression and an embedded IPv4 tail.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** True when s is exactly a dotted-quad IPv4 address. */
  public static boolean ipv4(CharSequence s) {
    return ipv4(s, 0, s.length());
  }

  static boolean ipv4(CharSequence s, int from, int to) {
    int parts = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int v = 0;
      while (i < to && Character.isDigit(s.charAt(i)) && i - start < 4) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || len > 3 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
        return false;
      }
      parts++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return false;
      }
      i++;
      if (i == to) {
        return false;
      }
    }
    return parts == 4;
  }

  /** True when s is exactly an IPv6 address in one of the RFC 4291 text forms. */
  public static boolean ipv6(CharSequence s) {
    int n = s.length();
    if (n < 2 || n > 45) {
      return false;
    }
    int groups = 0;
    boolean compressed = false;
    int i = 0;
    if (s.charAt(0) == ':') {
      if (s.charAt(1) != ':') {
        return false;
      }
      compressed = true;
      i = 2;
      if (i == n) {
        return false; // "::" alone is the unspecified address, too ambiguous in text to report
      }
    }
    while (i < n) {
      int start = i;
      while (i < n && hex(s.charAt(i)) && i - start < 5) {
        i++;
      }
      int len = i - start;
      if (i < n && s.charAt(i) == '.') {
        // IPv4 tail takes the place of two groups and ends the address.
        if (!ipv4(s, start, n)) {
          return false;
        }
        groups += 2;
        i = n;
        break;
      }
      if (len == 0 || len > 4) {
        return false;
      }
      groups++;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressed) {
          return false;
        }
        compressed = true;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return false;
      }
    }
    return compressed ? groups < 8 : groups == 8;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
