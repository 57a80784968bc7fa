package dev.bulwark.dlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Names where findings sit in a JSON body ({@code $.contacts[3].email}) with one streaming pass
 * over the tokens: memory is the nesting depth, not the body. Runs only when a body has findings.
 * On malformed JSON the findings past the error keep no path (they are still reported).
 */
final class JsonPaths {
  static final JsonFactory FACTORY = new JsonFactory();

  private JsonPaths() {}

  /** Paths for findings sorted by start (byte offsets into body), in the same order. */
  static String[] assign(byte[] body, List<RawFinding> sorted) {
    String[] paths = new String[sorted.size()];
    int fi = 0;
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t;
      while (fi < paths.length && (t = p.nextToken()) != null) {
        if (!t.isScalarValue() && t != JsonToken.FIELD_NAME) {
          continue;
        }
        long ts = p.currentTokenLocation().getByteOffset();
        if (t == JsonToken.VALUE_STRING) {
          p.getTextLength(); // completes the token, so the location below is after its quote
        }
        long te = p.currentLocation().getByteOffset();
        while (fi < paths.length && sorted.get(fi).start() < ts) {
          fi++;
        }
        String path = null;
        while (fi < paths.length && sorted.get(fi).start() < te) {
          path = path == null ? of(p.getParsingContext()) : path;
          paths[fi++] = path;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Malformed JSON: keep the paths found so far; the findings themselves stand.
    }
    return paths;
  }

  /** The JSONPath of a parser context. */
  static String of(JsonStreamContext ctx) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    String path = "$";
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path = path + "[" + Math.max(0, c.getCurrentIndex()) + "]";
      } else if (c.getCurrentName() != null) {
        path = child(path, c.getCurrentName());
      }
    }
    return path;
  }

  /** path.name, or path['name'] when name is not a plain identifier. */
  static String child(String path, String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
    return plain
        ? path + "." + name
        : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }
}
