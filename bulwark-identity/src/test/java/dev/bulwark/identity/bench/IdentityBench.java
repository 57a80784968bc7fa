package dev.bulwark.identity.bench;

import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.identity.oauth.SigningKeys;
import dev.bulwark.identity.oauth.TokenIssuer;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.identity.secret.SecretFormat;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What authentication costs per request on the gateway's hot path: an API key found in the cache
 * (10,000 keys, like the large benchmark config), a malformed key, an access token found in the
 * verified-token cache, one that needs a full ES256 verification (the cost the cache saves), and
 * issuing a token. The clock is fixed so cached entries never go stale: no store I/O is measured.
 *
 * <p>Run (one thread, about two minutes):
 *
 * <pre>
 * ./mvnw -B -q -o -pl bulwark-identity test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
 * java -cp bulwark-identity/target/test-classes:bulwark-identity/target/classes:$(cat bulwark-identity/target/test.cp) \
 *     org.openjdk.jmh.Main IdentityBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IdentityBench {
  private static final int KEYS = 10_000;
  // More distinct tokens than the verified-token cache holds, visited in a cycle: always a miss.
  private static final int UNCACHED_TOKENS = TokenVerifier.MAX_CACHED * 2;

  private ApiKeyAuthenticator authenticator;
  private String[] keys;
  private int nextKey;
  private String malformed;
  private TokenIssuer issuer;
  private TokenVerifier verifier;
  private byte[] cachedTokenBytes;
  private String[] uncachedTokens;
  private int nextToken;

  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    // The measured paths never reach the store (preloaded cache, fixed clock), so a map stands in
    // for SQLite here: 10,000 single-row transactions would make every fork's setup take ~25 s.
    MapCredentialStore credentials = new MapCredentialStore();
    ApiKeys apiKeys = new ApiKeys(credentials, clock);
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = apiKeys.create("integration-" + i, null).secret();
    }
    authenticator = new ApiKeyAuthenticator(credentials, clock);
    authenticator.preload();
    // Right prefix, length and alphabet, wrong checksum: the most work a malformed key can cause.
    String real = SecretFormat.API_KEY.generate();
    malformed = real.substring(0, 20) + (real.charAt(20) == 'a' ? 'b' : 'a') + real.substring(21);

    SigningKeys signing = SigningKeys.of(SigningKeys.generate());
    issuer = new TokenIssuer(signing, clock, "https://bulwark.bench");
    verifier = new TokenVerifier(signing, clock, "https://bulwark.bench");
    cachedTokenBytes =
        issuer
            .issue("integration-1", List.of("contacts.read"))
            .token()
            .getBytes(StandardCharsets.US_ASCII);
    uncachedTokens = new String[UNCACHED_TOKENS];
    for (int i = 0; i < UNCACHED_TOKENS; i++) {
      uncachedTokens[i] = issuer.issue("integration-" + i, List.of("contacts.read")).token();
    }
  }

  @Benchmark
  public Authentication apiKeyCachedHit() {
    String key = keys[nextKey];
    nextKey = (nextKey + 1) % KEYS;
    return authenticator.authenticate(key);
  }

  @Benchmark
  public CompletionStage<Authentication> apiKeyCachedHitAsync() {
    String key = keys[nextKey];
    nextKey = (nextKey + 1) % KEYS;
    return authenticator.authenticateAsync(key);
  }

  @Benchmark
  public Authentication apiKeyMalformed() {
    return authenticator.authenticate(malformed);
  }

  /**
   * A fresh String per call, as the gateway gets from each request's header: the cache lookup then
   * hashes and compares all ~600 characters, which reusing one String instance would hide.
   */
  @Benchmark
  public Authentication tokenCachedHit() {
    return verifier.verify(new String(cachedTokenBytes, StandardCharsets.US_ASCII));
  }

  @Benchmark
  public Authentication tokenFullVerification() {
    String token = uncachedTokens[nextToken];
    nextToken = (nextToken + 1) % UNCACHED_TOKENS;
    return verifier.verify(token);
  }

  @Benchmark
  public String tokenIssue() {
    return issuer.issue("integration-1", List.of("contacts.read")).token();
  }
}
