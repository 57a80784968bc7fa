package dev.bulwark.gateway.pipeline;

/**
 * Renders a rejection as the gateway's JSON error body: {@code
 * {"error":"<reason>","message":"...","rule":"<rule id>"|null,"requestId":"..."}}.
 *
 * <p>Built by hand rather than through a JSON library: four known fields, escaped per RFC 8259 §7,
 * no reflection on the error path. Only our own reason codes and messages and configured rule ids
 * go in — never a request value, so never a credential.
 */
public final class ErrorBody {
  private ErrorBody() {}

  public static String json(Verdict.Reject reject, String requestId) {
    StringBuilder out = new StringBuilder(128);
    out.append("{\"error\":");
    string(out, reject.reason());
    out.append(",\"message\":");
    string(out, reject.message());
    out.append(",\"rule\":");
    string(out, reject.rule());
    out.append(",\"requestId\":");
    string(out, requestId);
    return out.append('}').toString();
  }

  private static void string(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
