package dev.bulwark.model.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Decides whether a URL in the config is one the perimeter may send traffic or secrets to.
 *
 * <p>An app's {@code baseUrl} is where requests are forwarded, so it must be an absolute http(s)
 * URL with a host and nothing the forwarder would have to guess about: no user info (credentials in
 * a URL end up in logs), no query and no fragment (the caller's path and query are appended below
 * it). Plain http is refused unless the app declares {@code insecureTransit: true}, so cleartext is
 * always a visible choice. A {@code tokenUrl} receives a client secret and must be https.
 */
final class WebAddresses {
  private WebAddresses() {}

  static Optional<URI> baseUrl(Node node, String path, boolean insecureTransit, Problems problems) {
    Optional<URI> uri = absolute(node, path, problems);
    if (uri.isEmpty()) {
      return uri;
    }
    URI url = uri.get();
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getRawQuery() != null) {
      return refuse(node, path, problems, "must not have a query string (\"?...\")");
    }
    if (url.getRawFragment() != null) {
      return refuse(node, path, problems, "must not have a fragment (\"#...\")");
    }
    if (scheme.equals("http") && !insecureTransit) {
      return refuse(
          node,
          path,
          problems,
          "plain http is refused: use https, or set insecureTransit: true on the app to accept"
              + " unencrypted traffic");
    }
    return uri;
  }

  static Optional<URI> tokenUrl(Node node, String path, Problems problems) {
    Optional<URI> uri = absolute(node, path, problems);
    if (uri.isEmpty()) {
      return uri;
    }
    if (!uri.get().getScheme().equalsIgnoreCase("https")) {
      return refuse(node, path, problems, "must be https: the client secret is sent to it");
    }
    if (uri.get().getRawFragment() != null) {
      return refuse(node, path, problems, "must not have a fragment (\"#...\")");
    }
    return uri;
  }

  /** An absolute http(s) URL with a host and no user info, or empty after reporting why not. */
  private static Optional<URI> absolute(Node node, String path, Problems problems) {
    Optional<String> text = Scalars.string(node, path, problems);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    URI url;
    try {
      url = new URI(text.get());
    } catch (URISyntaxException e) {
      String message = "invalid URL: " + e.getReason();
      if (node instanceof ScalarNode scalar && e.getIndex() >= 0) {
        problems.atChar(scalar, e.getIndex(), path, message + " at character " + e.getIndex());
      } else {
        problems.at(node, path, message);
      }
      return Optional.empty();
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
        || url.isOpaque()) {
      return refuse(
          node,
          path,
          problems,
          "expected an absolute http or https URL such as https://api.example.com");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return refuse(node, path, problems, "has no valid host name");
    }
    if (url.getRawUserInfo() != null) {
      // Not echoed: user info is usually a password.
      return refuse(
          node,
          path,
          problems,
          "must not carry user info (user:password@); use upstream credentials");
    }
    return Optional.of(url);
  }

  private static Optional<URI> refuse(Node node, String path, Problems problems, String why) {
    problems.at(node, path, why);
    return Optional.empty();
  }
}
