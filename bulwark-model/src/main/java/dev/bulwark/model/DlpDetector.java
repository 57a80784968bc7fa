package dev.bulwark.model;

import java.util.Objects;

/**
 * A custom detector declared in perimeter.yaml: every match of an RE2 pattern (linear-time, so a
 * pattern from configuration can never hang the gateway) is a finding of class {@code id}.
 *
 * @param id the data class id its findings carry
 * @param pattern RE2 syntax, validated at load time
 * @param level the class's classification level, or null when neither the detector nor the taxonomy
 *     declares one
 */
public record DlpDetector(String id, String pattern, Classification level) {
  public DlpDetector {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pattern, "pattern");
  }
}
