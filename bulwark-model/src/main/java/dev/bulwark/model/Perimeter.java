package dev.bulwark.model;

import java.util.Map;
import java.util.Optional;

/**
 * A whole validated perimeter.yaml: the taxonomy, the apps and the integrations, keyed by id in
 * declaration order, and the {@code dlp:} section (custom detectors, default policy, buffer limit).
 * Immutable; a reload builds a new one.
 */
public record Perimeter(
    Map<String, DataClass> dataClasses,
    Map<String, App> apps,
    Map<String, Integration> integrations,
    DlpSettings dlp) {
  public Perimeter {
    dataClasses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dataClasses));
    apps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(apps));
    integrations =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(integrations));
    dlp = dlp == null ? DlpSettings.NONE : dlp;
  }

  /** A perimeter without a {@code dlp:} section. */
  public Perimeter(
      Map<String, DataClass> dataClasses,
      Map<String, App> apps,
      Map<String, Integration> integrations) {
    this(dataClasses, apps, integrations, DlpSettings.NONE);
  }

  public Optional<App> app(String id) {
    return Optional.ofNullable(apps.get(id));
  }

  public Optional<Integration> integration(String id) {
    return Optional.ofNullable(integrations.get(id));
  }
}
