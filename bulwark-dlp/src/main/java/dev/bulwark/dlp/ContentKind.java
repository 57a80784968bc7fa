package dev.bulwark.dlp;

import java.util.Locale;

/** How a body is read: JSON (paths reported), URL-encoded form, plain text, or binary (skipped). */
public enum ContentKind {
  JSON,
  FORM,
  TEXT,
  BINARY;

  /**
   * The kind for a Content-Type header value: {@code application/json} and {@code +json} types are
   * JSON, {@code application/x-www-form-urlencoded} is FORM, {@code text/*}, XML, JavaScript, YAML
   * and a missing type are TEXT; everything else (images, archives, octet streams) is BINARY.
   */
  public static ContentKind fromContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return TEXT;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    t = t.trim();
    if (t.equals("application/json") || t.endsWith("+json") || t.equals("text/json")) {
      return JSON;
    }
    if (t.equals("application/x-www-form-urlencoded")) {
      return FORM;
    }
    if (t.startsWith("text/")
        || t.endsWith("+xml")
        || t.equals("application/xml")
        || t.equals("application/javascript")
        || t.equals("application/yaml")
        || t.equals("application/x-yaml")
        || t.equals("application/graphql")
        || t.equals("application/x-ndjson")) {
      return TEXT;
    }
    return BINARY;
  }
}
