package dev.bulwark.model;

/**
 * One allowed route of an integration: an HTTP method and a path template below the app.
 *
 * <p>Templates are literal segments and {@code {name}} variables, each matching exactly one
 * segment; a final {@code {name*}} matches the rest of the path (one or more segments). Paths are
 * matched after normalization, so a template never sees dot segments or encoded slashes.
 *
 * @param id stable id of the rule, {@code <integration>#<index>} unless named in the config
 * @param method upper-case HTTP method, or {@code *} for any
 * @param pathTemplate template starting with {@code /}, relative to the app
 */
public record RouteRule(String id, String method, String pathTemplate) {}
