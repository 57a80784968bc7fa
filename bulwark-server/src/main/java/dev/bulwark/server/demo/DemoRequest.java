package dev.bulwark.server.demo;

/**
 * One request the traffic generator sends through the gateway.
 *
 * @param integration whose API key to present, or null to present none
 * @param badKey present a well-formed key that does not exist
 * @param method HTTP method
 * @param path gateway path, {@code /{app}/...} with any query
 * @param body JSON body or null
 * @param expected the status a correct perimeter answers
 */
public record DemoRequest(
    String integration, boolean badKey, String method, String path, String body, int expected) {
  static DemoRequest as(String integration, String method, String path, int expected) {
    return new DemoRequest(integration, false, method, path, null, expected);
  }
}
