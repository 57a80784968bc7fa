package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {
  @TempDir Path dir;

  @Test
  void base64RoundTripKeepsTheKeyAndToStringShowsOnlyTheFingerprint() {
    KeyEncryptionKey key = KeyEncryptionKey.generate();
    KeyEncryptionKey again = KeyEncryptionKey.fromBase64("  " + key.toBase64() + "\n");

    assertThat(again.fingerprint()).isEqualTo(key.fingerprint()).matches("[0-9a-f]{16}");
    assertThat(KeyEncryptionKey.generate().fingerprint()).isNotEqualTo(key.fingerprint());
    assertThat(key.toString())
        .isEqualTo("KeyEncryptionKey[fingerprint=" + key.fingerprint() + "]")
        .doesNotContain(key.toBase64());
  }

  @Test
  void badInputIsRefusedWithoutEchoingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64(shortKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 16")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64("not*base64!"))
        .hasMessage("the key-encryption key is not valid base64");
    assertThatThrownBy(() -> KeyEncryptionKey.fromBase64(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loadOrCreateWritesAnOwnerOnlyFileOnceAndThenReadsIt() throws Exception {
    Path file = dir.resolve("keys/kek");
    KeyEncryptionKey created = KeyEncryptionKey.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(KeyEncryptionKey.loadOrCreate(file).fingerprint()).isEqualTo(created.fingerprint());
    assertThat(KeyEncryptionKey.load(file).fingerprint()).isEqualTo(created.fingerprint());
    try (var left = Files.list(file.getParent())) {
      assertThat(left).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void processesRacingToCreateTheKeyAllGetTheSameOne() throws Exception {
    Path file = dir.resolve("race/kek");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var results = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> KeyEncryptionKey.loadOrCreate(file).fingerprint()));
      }
      String first = results.get(0).get();
      for (var r : results) {
        assertThat(r.get()).isEqualTo(first);
      }
      assertThat(KeyEncryptionKey.load(file).fingerprint()).isEqualTo(first);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolvePrefersTheVariableThenTheFileVariableThenTheDefaultFile() throws Exception {
    KeyEncryptionKey inline = KeyEncryptionKey.generate();
    KeyEncryptionKey inFile = KeyEncryptionKey.generate();
    Path keyFile = dir.resolve("kek.b64");
    Files.writeString(keyFile, inFile.toBase64());
    Path defaultFile = dir.resolve("default/kek");

    assertThat(
            KeyEncryptionKey.resolve(
                    Map.of(
                        "BULWARK_KEK", inline.toBase64(), "BULWARK_KEK_FILE", keyFile.toString()),
                    defaultFile)
                .fingerprint())
        .isEqualTo(inline.fingerprint());
    assertThat(
            KeyEncryptionKey.resolve(Map.of("BULWARK_KEK_FILE", keyFile.toString()), defaultFile)
                .fingerprint())
        .isEqualTo(inFile.fingerprint());
    assertThat(Files.exists(defaultFile)).isFalse();

    KeyEncryptionKey created = KeyEncryptionKey.resolve(Map.of(), defaultFile);
    assertThat(Files.exists(defaultFile)).isTrue();
    assertThat(KeyEncryptionKey.resolve(Map.of(), defaultFile).fingerprint())
        .isEqualTo(created.fingerprint());
  }

  @Test
  void aNamedKeyFileMustExist() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(
            () -> KeyEncryptionKey.resolve(Map.of("BULWARK_KEK_FILE", missing.toString()), dir))
        .hasMessageContaining(missing.toString());
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void aBadVariableNamesTheVariable() {
    assertThatThrownBy(() -> KeyEncryptionKey.resolve(Map.of("BULWARK_KEK", "abc"), dir))
        .hasMessageStartingWith("BULWARK_KEK: ");
  }
}
