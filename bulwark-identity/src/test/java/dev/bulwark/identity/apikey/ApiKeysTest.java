package dev.bulwark.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.identity.secret.SecretFormat;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir Path dir;
  private Store store;
  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private ApiKeys keys;

  @BeforeEach
  void open() {
    store = TestStores.sqlite(dir);
    keys = new ApiKeys(store.credentials(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private ApiKeyAuthenticator authenticator() {
    return new ApiKeyAuthenticator(store.credentials(), clock);
  }

  @Test
  void createdKeyAuthenticatesItsIntegration() {
    IssuedSecret issued = keys.create("hubspot-lead-sync", null);

    assertThat(issued.secret()).startsWith("bwk_").hasSize(53);
    assertThat(issued.integrationId()).isEqualTo("hubspot-lead-sync");
    assertThat(issued.expiresAt()).isNull();
    assertThat(authenticator().authenticate(issued.secret()))
        .isEqualTo(new Authenticated("hubspot-lead-sync", issued.credentialId()));
  }

  @Test
  void storeKeepsOnlyHashAndHintNeverTheKey() throws IOException {
    IssuedSecret issued = keys.create("hubspot-lead-sync", Duration.ofDays(30));

    CredentialRecord record = keys.list("hubspot-lead-sync").get(0);
    assertThat(record.secretHash()).isEqualTo(SecretFormat.hash(issued.secret())).hasSize(64);
    assertThat(record.hint()).isEqualTo(issued.secret().substring(0, 8) + "…");
    assertThat(record.kind()).isEqualTo(CredentialRecord.Kind.API_KEY);
    assertThat(record.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    store.close();
    String secretTail = issued.secret().substring(8);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(file.toString()).doesNotContain(secretTail);
      }
    }
    store = TestStores.sqlite(dir.resolve("again"));
  }

  @Test
  void toStringNeverShowsTheSecret() {
    IssuedSecret issued = keys.create("hubspot-lead-sync", null);
    assertThat(issued.toString())
        .doesNotContain(issued.secret())
        .doesNotContain(issued.secret().substring(4, 20))
        .contains(issued.credentialId());
  }

  @Test
  void expiredKeyIsRefusedAsExpired() {
    IssuedSecret issued = keys.create("job", Duration.ofHours(1));
    ApiKeyAuthenticator auth = authenticator();
    clock.advance(Duration.ofMinutes(59));
    assertThat(auth.authenticate(issued.secret()).ok()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(auth.authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.expired"));
  }

  @Test
  void revokedKeyIsRefusedAsRevoked() {
    IssuedSecret issued = keys.create("job", null);
    assertThat(keys.revoke(issued.credentialId())).isTrue();
    assertThat(authenticator().authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
    assertThat(keys.revoke("ak_doesnotexist")).isFalse();
  }

  @Test
  void keyThatExpiredBeforeItWasRevokedReportsExpiry() {
    IssuedSecret issued = keys.create("job", Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(20));
    keys.revoke(issued.credentialId());
    assertThat(authenticator().authenticate(issued.secret()))
        .isEqualTo(new Authentication.Failed("auth.expired"));
  }

  @Test
  void rotationKeepsOldKeyForTheOverlapThenKillsIt() {
    IssuedSecret old = keys.create("job", Duration.ofDays(90));
    clock.advance(Duration.ofDays(10));
    IssuedSecret next = keys.rotate(old.credentialId(), Duration.ofHours(2));

    assertThat(next.secret()).isNotEqualTo(old.secret());
    assertThat(next.integrationId()).isEqualTo("job");
    // Same ttl policy: 90 days from the rotation.
    assertThat(next.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));

    ApiKeyAuthenticator auth = authenticator();
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(auth.authenticate(old.secret()).ok()).isTrue();
    assertThat(auth.authenticate(next.secret()).ok()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(auth.authenticate(old.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
    assertThat(auth.authenticate(next.secret()))
        .isEqualTo(new Authenticated("job", next.credentialId()));
  }

  @Test
  void rotationDefaultsToATwentyFourHourOverlap() {
    IssuedSecret old = keys.create("job", null);
    IssuedSecret next = keys.rotate(old.credentialId());
    assertThat(next.expiresAt()).isNull();
    CredentialRecord oldRecord =
        keys.list("job").stream()
            .filter(r -> r.id().equals(old.credentialId()))
            .findFirst()
            .orElseThrow();
    assertThat(oldRecord.revokedAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
  }

  @Test
  void rotatingAgainNeverExtendsAnEarlierEnd() {
    IssuedSecret old = keys.create("job", null);
    keys.rotate(old.credentialId(), Duration.ofHours(1));
    keys.rotate(old.credentialId(), Duration.ofHours(48));
    Instant end =
        keys.list("job").stream()
            .filter(r -> r.id().equals(old.credentialId()))
            .findFirst()
            .orElseThrow()
            .revokedAt();
    assertThat(end).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
  }

  @Test
  void rotatingARevokedOrUnknownKeyFails() {
    IssuedSecret issued = keys.create("job", null);
    keys.revoke(issued.credentialId());
    assertThatThrownBy(() -> keys.rotate(issued.credentialId()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> keys.rotate("ak_nope")).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void listKeepsToApiKeysAndFiltersByIntegration() {
    IssuedSecret a = keys.create("a", null);
    clock.advance(Duration.ofSeconds(1));
    IssuedSecret b = keys.create("b", null);
    new ClientSecrets(store.credentials(), clock).create("a", null);

    assertThat(keys.list(null))
        .extracting(CredentialRecord::id)
        .containsExactly(b.credentialId(), a.credentialId());
    assertThat(keys.list("a")).extracting(CredentialRecord::id).containsExactly(a.credentialId());
  }

  @Test
  void clientSecretIsNotAnApiKey() {
    IssuedSecret secret = new ClientSecrets(store.credentials(), clock).create("a", null);
    assertThat(authenticator().authenticate(secret.secret()))
        .isEqualTo(new Authentication.Failed("auth.invalid"));
    assertThat(keys.revoke(secret.credentialId())).isFalse();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> keys.create(" ", null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.create("a", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    IssuedSecret issued = keys.create("a", null);
    assertThatThrownBy(() -> keys.rotate(issued.credentialId(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
