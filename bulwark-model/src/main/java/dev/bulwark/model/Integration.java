package dev.bulwark.model;

import java.util.List;

/**
 * A door through the perimeter: one caller reaching one app under least privilege.
 *
 * @param id stable id, also the OAuth2 client id
 * @param owner the person or team answerable for it
 * @param caller what calls (a sync job, an iPaaS flow, another SaaS)
 * @param app id of the target {@link App}
 * @param credentialKind how the caller authenticates to Bulwark
 * @param routes allowed method + path templates; nothing else passes (default deny)
 * @param condition optional CEL expression that must also be true, or null
 * @param dataClasses data class ids the integration may move
 * @param scopes OAuth2 scopes granted to the integration
 * @param upstream how Bulwark authenticates to the app for this integration
 * @param dlp the DLP policy in force for it: its own rules per direction where written, else the
 *     perimeter's default policy; {@link DlpPolicy#NONE} when neither inspects
 */
public record Integration(
    String id,
    String owner,
    String caller,
    String app,
    CredentialKind credentialKind,
    List<RouteRule> routes,
    String condition,
    List<String> dataClasses,
    List<String> scopes,
    UpstreamAuth upstream,
    DlpPolicy dlp) {
  public Integration {
    routes = List.copyOf(routes);
    dataClasses = List.copyOf(dataClasses);
    scopes = List.copyOf(scopes);
    dlp = dlp == null ? DlpPolicy.NONE : dlp;
  }

  /** An integration with no DLP rules: its bodies stream through uninspected. */
  public Integration(
      String id,
      String owner,
      String caller,
      String app,
      CredentialKind credentialKind,
      List<RouteRule> routes,
      String condition,
      List<String> dataClasses,
      List<String> scopes,
      UpstreamAuth upstream) {
    this(
        id,
        owner,
        caller,
        app,
        credentialKind,
        routes,
        condition,
        dataClasses,
        scopes,
        upstream,
        DlpPolicy.NONE);
  }
}
