package dev.bulwark.identity.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretFormatTest {

  @Test
  void generatedKeysAreWellFormedUniqueAndOfTheDocumentedShape() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String key = SecretFormat.API_KEY.generate();
      assertThat(key).matches("bwk_[A-Za-z0-9_-]{43}[A-Za-z0-9_-]{6}").hasSize(53);
      assertThat(SecretFormat.API_KEY.wellFormed(key)).isTrue();
      assertThat(SecretFormat.CLIENT_SECRET.wellFormed(key)).isFalse();
      assertThat(seen.add(key)).isTrue();
    }
    String secret = SecretFormat.CLIENT_SECRET.generate();
    assertThat(secret).startsWith("bwcs_").hasSize(54);
    assertThat(SecretFormat.CLIENT_SECRET.wellFormed(secret)).isTrue();
  }

  @Test
  void anyChangedCharacterBreaksTheChecksum() {
    String key = SecretFormat.API_KEY.generate();
    for (int i = 4; i < key.length(); i++) {
      char c = key.charAt(i);
      char other = c == 'A' ? 'B' : 'A';
      String changed = key.substring(0, i) + other + key.substring(i + 1);
      assertThat(SecretFormat.API_KEY.wellFormed(changed)).as("position %d", i).isFalse();
    }
  }

  @Test
  void refusesWrongPrefixLengthAndAlphabet() {
    String key = SecretFormat.API_KEY.generate();
    assertThat(SecretFormat.API_KEY.wellFormed(null)).isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed("")).isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed("bwx_" + key.substring(4))).isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed(key + "A")).isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed(key.substring(0, key.length() - 1))).isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed(key.substring(0, 10) + "+" + key.substring(11)))
        .isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed(key.substring(0, 10) + "é" + key.substring(11)))
        .isFalse();
    assertThat(SecretFormat.API_KEY.wellFormed("BWK_" + key.substring(4))).isFalse();
  }

  @Test
  void hashIsLowerHexSha256AndHintIsShort() {
    // SHA-256("abc"), FIPS 180-2 test vector.
    assertThat(SecretFormat.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String key = SecretFormat.API_KEY.generate();
    assertThat(SecretFormat.hint(key)).isEqualTo(key.substring(0, 8) + "…");
  }
}
