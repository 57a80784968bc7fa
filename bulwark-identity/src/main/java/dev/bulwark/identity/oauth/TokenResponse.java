package dev.bulwark.identity.oauth;

import java.util.Map;

/**
 * What the token endpoint answers, for the gateway to write as is.
 *
 * @param status 200, 400 or 401
 * @param jsonBody the JSON body (RFC 6749 §5.1 or §5.2)
 * @param headers response headers: always {@code Content-Type} and {@code Cache-Control: no-store};
 *     {@code WWW-Authenticate} with a 401
 */
public record TokenResponse(int status, String jsonBody, Map<String, String> headers) {
  public TokenResponse {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    // The body of a 200 holds an access token: never print it.
    return "TokenResponse[status=" + status + ", headers=" + headers + "]";
  }
}
