package dev.bulwark.dlp;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded view of an {@code application/x-www-form-urlencoded} body that form findings point
 * into: each name and value percent-decoded ('+' as space), joined again by '=' and '&'. A value
 * must be decoded before inspection, or {@code a%40b.com} would hide an e-mail address.
 */
public final class FormBody {
  /** One field: its decoded name and the char span of its decoded value in {@link #text()}. */
  public record Field(String name, int valueStart, int valueEnd) {}

  private final String text;
  private final List<Field> fields;

  private FormBody(String text, List<Field> fields) {
    this.text = text;
    this.fields = List.copyOf(fields);
  }

  /** Decodes a form body (UTF-8); malformed percent escapes are kept literally. */
  public static FormBody parse(byte[] body) {
    StringBuilder sb = new StringBuilder(body.length);
    List<Field> fields = new ArrayList<>();
    int i = 0;
    int n = body.length;
    while (i <= n) {
      int amp = indexOf(body, (byte) '&', i, n);
      int end = amp < 0 ? n : amp;
      if (end > i) {
        int eq = indexOf(body, (byte) '=', i, end);
        String name = decode(body, i, eq < 0 ? end : eq);
        String value = eq < 0 ? "" : decode(body, eq + 1, end);
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(name).append('=');
        int vs = sb.length();
        sb.append(value);
        fields.add(new Field(name, vs, sb.length()));
      }
      if (amp < 0) {
        break;
      }
      i = amp + 1;
    }
    return new FormBody(sb.toString(), fields);
  }

  /** The decoded text findings point into. */
  public String text() {
    return text;
  }

  /** The fields in body order. */
  public List<Field> fields() {
    return fields;
  }

  /** The path of the field whose value holds char offset at ({@code $.name}), or null. */
  public String pathAt(int at) {
    for (Field f : fields) {
      if (at >= f.valueStart() && at < f.valueEnd()) {
        return JsonPaths.child("$", f.name());
      }
    }
    return null;
  }

  /** Encodes name/value pairs back into a form body. */
  public static byte[] encode(List<String[]> pairs) {
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static String decode(byte[] b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '+') {
        out.write(' ');
      } else if (c == '%' && i + 2 < to + 0 && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
        out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
