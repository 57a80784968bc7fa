package dev.bulwark.dlp;

import java.nio.charset.StandardCharsets;

/**
 * A literal the candidate engines search for, and the rule that confirms a hit on it.
 *
 * @param text the literal (ASCII)
 * @param caseless whether it matches in any letter case
 * @param rule which {@link LiteralRules} rule confirms it
 */
record Literal(String text, boolean caseless, int rule) {
  byte[] bytes() {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
