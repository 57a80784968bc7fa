package dev.bulwark.model;

import java.net.URI;
import java.util.List;

/**
 * A SaaS application the perimeter stands in front of.
 *
 * @param id the first path segment of gateway requests ({@code /{app}/...})
 * @param vendor who runs it
 * @param baseUrl where the real API lives; requests are forwarded below it
 * @param sanctioned whether the organisation approved it
 * @param owner the person or team answerable for it
 * @param dataClasses data class ids the app holds
 * @param insecureTransit true only when the app is allowed plain http upstream (a visible risk)
 */
public record App(
    String id,
    String vendor,
    URI baseUrl,
    boolean sanctioned,
    String owner,
    List<String> dataClasses,
    boolean insecureTransit) {
  public App {
    dataClasses = List.copyOf(dataClasses);
  }
}
