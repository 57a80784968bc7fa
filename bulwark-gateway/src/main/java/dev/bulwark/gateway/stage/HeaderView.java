package dev.bulwark.gateway.stage;

import io.vertx.core.MultiMap;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The caller's headers as CEL's {@code request.headers}: lower-case names, first value. A view, not
 * a copy: a condition that reads one header ({@code request.headers["x-tenant"]}) costs one
 * case-insensitive lookup in the map Vert.x already has; only iterating it (rare) builds the
 * lower-cased copy, once.
 */
final class HeaderView extends AbstractMap<String, String> {
  private final MultiMap headers;
  private Map<String, String> copy;

  HeaderView(MultiMap headers) {
    this.headers = headers;
  }

  @Override
  public String get(Object key) {
    return key instanceof String name ? headers.get(name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return key instanceof String name && headers.contains(name);
  }

  @Override
  public int size() {
    return copy().size();
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return copy().entrySet();
  }

  private Map<String, String> copy() {
    if (copy == null) {
      Map<String, String> first = new HashMap<>();
      headers.forEach((name, value) -> first.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
      copy = first;
    }
    return copy;
  }
}
