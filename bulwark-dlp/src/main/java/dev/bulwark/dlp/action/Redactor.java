package dev.bulwark.dlp.action;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.FormBody;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Applies per-finding actions to a body and produces the bytes to forward. Text is rewritten in
 * place; JSON is re-emitted token by token (Jackson streaming) with only the affected strings,
 * numbers or names replaced, so the output is valid JSON whatever the replacement contains; a form
 * is decoded, its values rewritten and re-encoded. Any BLOCK empties the body. Thread-safe.
 *
 * <p>Findings must come from {@link dev.bulwark.dlp.Scanner#scan(byte[], ContentKind)} on the same
 * body and kind: their char offsets index the same decoded text.
 */
public final class Redactor {
  private static final JsonFactory JSON = new JsonFactory();
  private final Tokens tokens;

  /**
   * @param tokenKey the HMAC key for TOKENIZE (at least 16 bytes; from the vault, never logged)
   */
  public Redactor(byte[] tokenKey) {
    this.tokens = new Tokens(tokenKey);
  }

  /** Applies policy's action to each finding of body. */
  public Rewrite apply(
      byte[] body, ContentKind kind, List<Finding> findings, Function<Finding, Action> policy) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Comparator.comparingInt(Finding::start));
    List<Applied> applied = new ArrayList<>(sorted.size());
    boolean blocked = false;
    boolean rewrites = false;
    for (Finding f : sorted) {
      Action a = policy.apply(f);
      if (a == null) {
        a = Action.BLOCK; // a policy that cannot decide fails closed
      }
      applied.add(new Applied(f, a));
      blocked |= a == Action.BLOCK;
      rewrites |= a == Action.REDACT || a == Action.MASK || a == Action.TOKENIZE;
    }
    if (blocked) {
      return new Rewrite(new byte[0], true, true, applied);
    }
    if (!rewrites) {
      return new Rewrite(body, false, false, applied);
    }
    byte[] out =
        switch (kind) {
          case JSON -> json(body, applied);
          case FORM -> form(body, applied);
          case TEXT ->
              text(new String(body, StandardCharsets.UTF_8), applied)
                  .getBytes(StandardCharsets.UTF_8);
          case BINARY -> body;
        };
    return new Rewrite(out, false, out != body, applied);
  }

  /** The replacement for one value, or the value itself for ALLOW/ALERT. */
  public String replacement(String dataClass, String value, Action action) {
    return switch (action) {
      case REDACT -> "[REDACTED:" + dataClass + "]";
      case MASK -> mask(value);
      case TOKENIZE -> tokens.token(dataClass, value);
      case ALLOW, ALERT -> value;
      case BLOCK -> throw new IllegalArgumentException("BLOCK has no replacement");
    };
  }

  private static String mask(String value) {
    int keep = 4;
    char[] c = value.toCharArray();
    for (int i = c.length - 1; i >= 0; i--) {
      if (Character.isLetterOrDigit(c[i])) {
        if (keep > 0) {
          keep--;
        } else {
          c[i] = '*';
        }
      }
    }
    return new String(c);
  }

  /** Rewrites text[from, to) (offsets of the whole text) with the findings that fall in it. */
  private String rewriteRange(String text, int from, int to, List<Applied> applied) {
    StringBuilder sb = new StringBuilder(to - from + 16);
    int pos = from;
    for (Applied a : applied) {
      Finding f = a.finding();
      int s = Math.max(f.start(), from);
      int e = Math.min(f.end(), to);
      if (e <= s || s < pos || !changes(a.action())) {
        continue;
      }
      sb.append(text, pos, s);
      sb.append(replacement(f.dataClass(), text.substring(s, e), a.action()));
      pos = e;
    }
    sb.append(text, pos, to);
    return sb.toString();
  }

  private static boolean changes(Action a) {
    return a == Action.REDACT || a == Action.MASK || a == Action.TOKENIZE;
  }

  private String text(String text, List<Applied> applied) {
    return rewriteRange(text, 0, text.length(), applied);
  }

  private byte[] form(byte[] body, List<Applied> applied) {
    FormBody form = FormBody.parse(body);
    Overlaps overlaps = new Overlaps(applied);
    List<String[]> pairs = new ArrayList<>();
    for (FormBody.Field f : form.fields()) {
      int from = f.valueStart();
      int to = f.valueEnd();
      pairs.add(
          new String[] {
            f.name(), rewriteRange(form.text(), from, to, overlaps.candidates(from, to))
          });
    }
    return FormBody.encode(pairs);
  }

  /**
   * Re-emits the JSON token by token. A scalar or name whose raw span (char offsets) holds a
   * finding is decoded, rewritten in decoded form and written back as a JSON string; all other
   * tokens are copied. Malformed JSON falls back to the text rewrite of the whole body. Which
   * findings touch a token is looked up by offset ({@link Overlaps}), so the cost grows with tokens
   * plus findings, not their product.
   */
  private byte[] json(byte[] body, List<Applied> applied) {
    String text = new String(body, StandardCharsets.UTF_8);
    Overlaps all = new Overlaps(applied);
    List<Applied> rewriting = new ArrayList<>(applied.size());
    for (Applied a : applied) {
      if (changes(a.action())) {
        rewriting.add(a);
      }
    }
    Overlaps touching = new Overlaps(rewriting);
    StringWriter w = new StringWriter(text.length() + 64);
    try (JsonParser p = JSON.createParser(text);
        JsonGenerator g = JSON.createGenerator(w)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        boolean scalar = t.isScalarValue() || t == JsonToken.FIELD_NAME;
        if (!scalar) {
          g.copyCurrentEvent(p);
          continue;
        }
        int ts = (int) p.currentTokenLocation().getCharOffset();
        String value = t == JsonToken.FIELD_NAME ? p.currentName() : p.getText();
        int te = (int) p.currentLocation().getCharOffset();
        int[] span = rawSpan(text, ts, te, t);
        if (!touching.any(span[0], span[1])) {
          g.copyCurrentEvent(p);
          continue;
        }
        String rewritten = rewriteToken(text, span, value, t, all.candidates(span[0], span[1]));
        if (t == JsonToken.FIELD_NAME) {
          g.writeFieldName(rewritten);
        } else {
          g.writeString(rewritten);
        }
      }
    } catch (IOException | RuntimeException e) {
      return text(text, applied).getBytes(StandardCharsets.UTF_8);
    }
    return w.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The raw span of the token's content: inside the quotes for strings and names. */
  private static int[] rawSpan(String text, int ts, int te, JsonToken t) {
    if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
      int open = text.indexOf('"', ts);
      int close = closingQuote(text, open + 1);
      return new int[] {open + 1, close};
    }
    int e = ts;
    while (e < text.length() && "+-0123456789.eE".indexOf(text.charAt(e)) >= 0) {
      e++;
    }
    return new int[] {ts, Math.max(e, Math.min(te, ts))};
  }

  private static int closingQuote(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return text.length();
  }

  /**
   * Decodes the raw token content with an offset map, rewrites it in decoded form.
   *
   * @param applied at least every finding overlapping the span, in start order
   */
  private String rewriteToken(
      String text, int[] span, String decoded, JsonToken t, List<Applied> applied) {
    if (t != JsonToken.VALUE_STRING && t != JsonToken.FIELD_NAME) {
      return rewriteRange(text, span[0], span[1], applied);
    }
    int n = span[1] - span[0];
    int[] map = new int[n + 1];
    StringBuilder sb = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      map[i] = sb.length();
      char c = text.charAt(span[0] + i);
      if (c == '\\' && i + 1 < n) {
        char e = text.charAt(span[0] + i + 1);
        int len = e == 'u' ? 6 : 2;
        for (int k = 1; k < len && i + k <= n; k++) {
          map[i + k] = sb.length();
        }
        sb.append(unescape(text, span[0] + i, e));
        i += len;
      } else {
        sb.append(c);
        i++;
      }
    }
    map[n] = sb.length();
    String dec = sb.toString();
    List<Applied> local = new ArrayList<>();
    for (Applied a : applied) {
      Finding f = a.finding();
      int s = clamp(f.start() - span[0], n);
      int e = clamp(f.end() - span[0], n);
      if (e > s) {
        local.add(
            new Applied(
                new Finding(f.dataClass(), f.confidence(), map[s], map[e], f.jsonPath()),
                a.action()));
      }
    }
    if (dec.equals(decoded) || local.isEmpty()) {
      return rewriteRange(dec, 0, dec.length(), local);
    }
    // Our decoding disagrees with the parser's: replace the whole value (fail closed).
    Applied first = local.get(0);
    return replacement(first.finding().dataClass(), decoded, first.action());
  }

  private static int clamp(int v, int n) {
    return Math.max(0, Math.min(n, v));
  }

  private static String unescape(String text, int at, char e) {
    return switch (e) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case 'u' ->
          at + 6 <= text.length()
              ? String.valueOf((char) Integer.parseInt(text.substring(at + 2, at + 6), 16))
              : "";
      default -> String.valueOf(e);
    };
  }
}
