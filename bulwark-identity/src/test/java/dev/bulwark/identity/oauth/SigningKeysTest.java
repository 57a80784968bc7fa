package dev.bulwark.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = TestStores.sqlite(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void firstUseGeneratesAKeyInTheVaultAndLaterUsesReuseIt() throws Exception {
    assertThat(store.vault().get(SigningKeys.VAULT_REF)).isEmpty();
    SigningKeys first = SigningKeys.loadOrCreate(store.vault());
    assertThat(store.vault().refs()).contains("bulwark/jwt-signing-key");

    SigningKeys again = SigningKeys.loadOrCreate(store.vault());
    assertThat(again.currentKid()).isEqualTo(first.currentKid());

    ECKey key = first.signingKey();
    assertThat(key.getCurve().getName()).isEqualTo("P-256");
    assertThat(key.isPrivate()).isTrue();
    assertThat(first.currentKid())
        .isEqualTo(key.computeThumbprint().toString())
        .matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void jwksPublishesPublicKeysOnly() throws Exception {
    SigningKeys keys = SigningKeys.loadOrCreate(store.vault());
    String json = keys.jwksJson();
    JWKSet parsed = JWKSet.parse(json);
    assertThat(parsed.getKeys()).hasSize(1);
    JWK published = parsed.getKeys().get(0);
    assertThat(published.isPrivate()).isFalse();
    assertThat(published.getKeyID()).isEqualTo(keys.currentKid());
    assertThat(published.getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(json).doesNotContain("\"d\"").doesNotContain(keys.signingKey().getD().toString());
  }

  @Test
  void aCorruptVaultEntryIsNeitherUsedNorOverwritten() {
    byte[] garbage =
        "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}".getBytes(StandardCharsets.UTF_8);
    store.vault().put(SigningKeys.VAULT_REF, garbage);
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(store.vault()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("c2VjcmV0");
    assertThat(store.vault().get(SigningKeys.VAULT_REF)).hasValue(garbage);

    store.vault().put(SigningKeys.VAULT_REF, "not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(store.vault()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rotationSignsWithTheNewKeyAndStillVerifiesTheOld() {
    MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
    SigningKeys before = SigningKeys.loadOrCreate(store.vault());
    String oldToken = new TokenIssuer(before, clock, "iss").issue("job", List.of()).token();

    SigningKeys after = SigningKeys.rotate(store.vault(), 1);
    assertThat(after.currentKid()).isNotEqualTo(before.currentKid());
    assertThat(after.hasKid(before.currentKid())).isTrue();
    assertThat(SigningKeys.loadOrCreate(store.vault()).currentKid()).isEqualTo(after.currentKid());
    assertThat(after.publicKeys().getKeys()).hasSize(2);

    TokenVerifier verifier = new TokenVerifier(after, clock, "iss");
    String newToken = new TokenIssuer(after, clock, "iss").issue("job", List.of()).token();
    assertThat(verifier.verify(oldToken).ok()).isTrue();
    assertThat(verifier.verify(newToken).ok()).isTrue();

    SigningKeys again = SigningKeys.rotate(store.vault(), 0);
    assertThat(again.publicKeys().getKeys()).hasSize(1);
    assertThat(new TokenVerifier(again, clock, "iss").verify(oldToken).ok()).isFalse();
  }

  @Test
  void aPublicKeyAloneIsRefused() {
    ECKey pub = SigningKeys.generate().toPublicJWK();
    store.vault().put(SigningKeys.VAULT_REF, pub.toJSONString().getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> SigningKeys.loadOrCreate(store.vault()))
        .isInstanceOf(IllegalStateException.class);
  }
}
