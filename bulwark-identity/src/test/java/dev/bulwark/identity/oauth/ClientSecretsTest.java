package dev.bulwark.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientSecretsTest {
  private static final Authentication INVALID = new Authentication.Failed("auth.invalid");

  @TempDir Path dir;
  private Store store;
  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private ClientSecrets secrets;

  @BeforeEach
  void open() {
    store = TestStores.sqlite(dir);
    secrets = new ClientSecrets(store.credentials(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSecretAuthenticatesItsClientOnly() {
    IssuedSecret issued = secrets.create("etl", null);
    secrets.create("other", null);
    assertThat(issued.secret()).startsWith("bwcs_").hasSize(54);
    assertThat(secrets.list("etl").get(0).kind()).isEqualTo(CredentialRecord.Kind.CLIENT_SECRET);

    assertThat(secrets.authenticate("etl", issued.secret()))
        .isEqualTo(new Authenticated("etl", issued.credentialId()));
    assertThat(secrets.authenticate("other", issued.secret())).isEqualTo(INVALID);
    assertThat(secrets.authenticate("nobody", issued.secret())).isEqualTo(INVALID);
    assertThat(secrets.authenticate("etl", null)).isEqualTo(INVALID);
    assertThat(secrets.authenticate(null, issued.secret())).isEqualTo(INVALID);
  }

  @Test
  void aWrongSecretOrAnApiKeyIsInvalid() {
    secrets.create("etl", null);
    IssuedSecret apiKey = new ApiKeys(store.credentials(), clock).create("etl", null);
    IssuedSecret elsewhere = new ClientSecrets(store.credentials(), clock).create("x", null);
    assertThat(secrets.authenticate("etl", apiKey.secret())).isEqualTo(INVALID);
    assertThat(secrets.authenticate("etl", elsewhere.secret())).isEqualTo(INVALID);
  }

  @Test
  void rotationOverlapExpiryAndRevocation() {
    IssuedSecret old = secrets.create("etl", Duration.ofDays(1));
    IssuedSecret next = secrets.rotate(old.credentialId(), Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(9));
    assertThat(secrets.authenticate("etl", old.secret()).ok()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(secrets.authenticate("etl", old.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
    assertThat(secrets.authenticate("etl", next.secret()).ok()).isTrue();

    clock.advance(Duration.ofDays(1));
    assertThat(secrets.authenticate("etl", next.secret()))
        .isEqualTo(new Authentication.Failed("auth.expired"));

    IssuedSecret third = secrets.create("etl", null);
    assertThat(secrets.revoke(third.credentialId())).isTrue();
    assertThat(secrets.authenticate("etl", third.secret()))
        .isEqualTo(new Authentication.Failed("auth.revoked"));
  }
}
