package dev.bulwark.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random mutations of a valid token and random token-endpoint inputs: the verifier and the endpoint
 * never throw, and nothing but the untouched token is ever accepted. The mutation choices are
 * seeded, but each run signs a new token (fresh key and jti), so runs explore different inputs; a
 * failure prints the offending token. This test found two ways to re-spell a valid token
 * (characters outside base64url, unused bits of the signature's last character), now refused.
 */
class TokenParsingFuzzTest {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/%\"'{}: \u0000é";

  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private final SigningKeys keys = SigningKeys.of(SigningKeys.generate());
  private final TokenIssuer issuer = new TokenIssuer(keys, clock, "https://bulwark.test");

  @Test
  void mutatedTokensAreRefusedWithoutExceptions() {
    String token = issuer.issue("job", List.of("a")).token();
    Random random = new Random(20261124L);
    for (int i = 0; i < 3000; i++) {
      String mutated = mutate(token, random);
      if (mutated.equals(token)) {
        continue;
      }
      // A fresh verifier each time, so a mutation is never answered from the cache.
      TokenVerifier verifier = new TokenVerifier(keys, clock, "https://bulwark.test");
      Authentication result = verifier.verify(mutated);
      assertThat(result.ok()).as("mutation %d: %s", i, mutated).isFalse();
    }
  }

  @Test
  void randomHeadersAndClaimsAreRefusedWithoutExceptions() {
    TokenVerifier verifier = new TokenVerifier(keys, clock, "https://bulwark.test");
    Random random = new Random(7L);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    for (int i = 0; i < 2000; i++) {
      String header = b64.encodeToString(randomJsonish(random).getBytes(StandardCharsets.UTF_8));
      String claims = b64.encodeToString(randomJsonish(random).getBytes(StandardCharsets.UTF_8));
      String sig = b64.encodeToString(new byte[random.nextInt(80)]);
      assertThat(verifier.verify(header + "." + claims + "." + sig).ok()).isFalse();
    }
  }

  @Test
  void theTokenEndpointAnswersEveryInputWith400Or401(@TempDir Path dir) {
    try (Store store = TestStores.sqlite(dir)) {
      ClientSecrets secrets = new ClientSecrets(store.credentials(), clock);
      secrets.create("job", null);
      fuzzEndpoint(new TokenEndpoint(secrets, issuer, id -> Optional.empty()));
    }
  }

  private static void fuzzEndpoint(TokenEndpoint endpoint) {
    Random random = new Random(42L);
    for (int i = 0; i < 3000; i++) {
      String auth = random.nextBoolean() ? null : randomText(random, 60);
      if (auth != null && random.nextBoolean()) {
        auth = "Basic " + Base64.getEncoder().encodeToString(randomText(random, 40).getBytes());
      }
      String type =
          random.nextBoolean() ? "application/x-www-form-urlencoded" : randomText(random, 30);
      String body =
          random.nextBoolean()
              ? "grant_type=client_credentials&" + randomText(random, 50)
              : randomText(random, 80);
      TokenResponse response = endpoint.handle(auth, type, body);
      assertThat(response.status()).isIn(400, 401);
      assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }
  }

  private static String mutate(String token, Random random) {
    StringBuilder s = new StringBuilder(token);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> s.deleteCharAt(at);
        case 2 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> s.setLength(at);
      }
    }
    return s.toString();
  }

  private static String randomJsonish(Random random) {
    List<String> parts =
        List.of(
            "{",
            "}",
            "\"alg\":",
            "\"ES256\"",
            "\"none\"",
            "\"kid\":",
            "\"typ\":",
            "\"at+jwt\"",
            "\"jwk\":",
            "{\"kty\":\"EC\"}",
            "\"exp\":",
            "99999999999",
            "-1",
            ",",
            "[",
            "]",
            "\"iss\":",
            "\"aud\":",
            "\"sub\":",
            "null",
            "true",
            "1e309",
            "\"\\u0000\"");
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(parts.get(random.nextInt(parts.size())));
    }
    return s.toString();
  }

  private static String randomText(Random random, int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(max);
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
