package dev.bulwark.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The attacks of issue 3 against our verifier, each refused; and a good token accepted. */
class TokenVerifierTest {
  private static final String ISSUER = "https://bulwark.test";
  private static final Authentication INVALID = new Authentication.Failed("auth.token_invalid");
  private static final Authentication EXPIRED = new Authentication.Failed("auth.token_expired");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private final MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
  private final ECKey ourKey = SigningKeys.generate();
  private final SigningKeys keys = SigningKeys.of(ourKey);
  private final TokenIssuer issuer = new TokenIssuer(keys, clock, ISSUER);
  private final TokenVerifier verifier = new TokenVerifier(keys, clock, ISSUER);

  private JWTClaimsSet.Builder goodClaims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("bulwark-gateway")
        .subject("job")
        .claim("client_id", "job")
        .claim("scope", "contacts.read")
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID("jti-1");
  }

  private JWSHeader.Builder goodHeader() {
    return new JWSHeader.Builder(JWSAlgorithm.ES256)
        .type(new JOSEObjectType("at+jwt"))
        .keyID(keys.currentKid());
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, ECKey key) throws Exception {
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private static String b64(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenWeIssuedIsAccepted() {
    AccessToken token = issuer.issue("job", List.of("contacts.read", "contacts.write"));
    Authentication result = verifier.verify(token.token());
    assertThat(result).isInstanceOf(Authenticated.class);
    Authenticated caller = (Authenticated) result;
    assertThat(caller.integrationId()).isEqualTo("job");
    assertThat(caller.scopes()).containsExactly("contacts.read", "contacts.write");
    assertThat(caller.credentialId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void issuedTokensCarryTheRfc9068HeaderAndClaims() throws Exception {
    AccessToken token = issuer.issue("job", List.of("a", "b"));
    SignedJWT jwt = SignedJWT.parse(token.token());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.currentKid());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(ISSUER);
    assertThat(claims.getAudience()).containsExactly("bulwark-gateway");
    assertThat(claims.getSubject()).isEqualTo("job");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("job");
    assertThat(claims.getStringClaim("scope")).isEqualTo("a b");
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(clock.instant()));
    assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(clock.instant()));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(token.expiresAt()));
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(token.toString()).doesNotContain(token.token());
  }

  @Test
  void jtisAreUnique() {
    String a =
        ((Authenticated) verifier.verify(issuer.issue("job", List.of()).token())).credentialId();
    String b =
        ((Authenticated) verifier.verify(issuer.issue("job", List.of()).token())).credentialId();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void algNoneIsRefused() {
    String header =
        b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.currentKid() + "\"}");
    String payload = goodClaims().build().toPayload().toBase64URL().toString();
    assertThat(verifier.verify(header + "." + payload + ".")).isEqualTo(INVALID);
    assertThat(verifier.verify(header + "." + payload)).isEqualTo(INVALID);
    String upper = b64("{\"alg\":\"NONE\",\"typ\":\"at+jwt\"}");
    assertThat(verifier.verify(upper + "." + payload + ".")).isEqualTo(INVALID);
  }

  @Test
  void hs256SignedWithOurPublicKeyIsRefused() throws Exception {
    String payload = goodClaims().build().toPayload().toBase64URL().toString();
    for (byte[] secret :
        List.of(
            ourKey.toECPublicKey().getEncoded(),
            keys.jwksJson().getBytes(StandardCharsets.UTF_8),
            ourKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
      String header =
          b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + keys.currentKid() + "\"}");
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String signingInput = header + "." + payload;
      String signature =
          B64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
      assertThat(verifier.verify(signingInput + "." + signature)).isEqualTo(INVALID);
    }
  }

  @Test
  void psychicSignatureIsRefused() throws Exception {
    // CVE-2022-21449: an ECDSA signature with r = s = 0 verified for any message on unpatched JDKs.
    String signingInput =
        goodHeader().build().toBase64URL() + "." + goodClaims().build().toPayload().toBase64URL();
    String zeros = B64URL.encodeToString(new byte[64]);
    assertThat(verifier.verify(signingInput + "." + zeros)).isEqualTo(INVALID);
    // The DER form of r = s = 0, in case a decoder accepted it.
    String der = B64URL.encodeToString(new byte[] {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00});
    assertThat(verifier.verify(signingInput + "." + der)).isEqualTo(INVALID);
  }

  @Test
  void anEmbeddedJwkHeaderIsRefusedEvenWhenItsSignatureChecksOut() throws Exception {
    ECKey attacker = SigningKeys.generate();
    String withAttackerKid =
        sign(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(attacker.getKeyID())
                .jwk(attacker.toPublicJWK())
                .build(),
            goodClaims().build(),
            attacker);
    String withOurKid =
        sign(goodHeader().jwk(attacker.toPublicJWK()).build(), goodClaims().build(), attacker);
    // Even our own key, embedded, is not a reason to trust the header.
    String ourKeyEmbedded =
        sign(goodHeader().jwk(ourKey.toPublicJWK()).build(), goodClaims().build(), ourKey);
    assertThat(verifier.verify(withAttackerKid)).isEqualTo(INVALID);
    assertThat(verifier.verify(withOurKid)).isEqualTo(INVALID);
    assertThat(verifier.verify(ourKeyEmbedded)).isEqualTo(INVALID);
  }

  @Test
  void aJkuHeaderIsRefusedAndNeverFetched() throws Exception {
    ECKey attacker = SigningKeys.generate();
    String attackers =
        sign(
            goodHeader()
                .keyID(attacker.getKeyID())
                .jwkURL(URI.create("http://127.0.0.1:1/jwks.json"))
                .build(),
            goodClaims().build(),
            attacker);
    String ours =
        sign(
            goodHeader().jwkURL(URI.create("https://evil.example/jwks.json")).build(),
            goodClaims().build(),
            ourKey);
    assertThat(verifier.verify(attackers)).isEqualTo(INVALID);
    assertThat(verifier.verify(ours)).isEqualTo(INVALID);
  }

  @Test
  void x5uAndX5cHeadersAreRefused() throws Exception {
    String x5u =
        sign(
            goodHeader().x509CertURL(URI.create("https://evil.example/cert.pem")).build(),
            goodClaims().build(),
            ourKey);
    String x5c =
        sign(
            goodHeader()
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode("cert")))
                .build(),
            goodClaims().build(),
            ourKey);
    assertThat(verifier.verify(x5u)).isEqualTo(INVALID);
    assertThat(verifier.verify(x5c)).isEqualTo(INVALID);
  }

  @Test
  void kidsWithPathsOrSqlOrUnknownKidsAreRefused() throws Exception {
    for (String kid :
        List.of(
            "../../dev/null",
            "' OR 1=1 --",
            "/etc/passwd",
            "\"" + keys.currentKid() + "\"",
            keys.currentKid() + "/..",
            keys.currentKid().substring(1),
            "",
            SigningKeys.generate().getKeyID())) {
      String token = sign(goodHeader().keyID(kid).build(), goodClaims().build(), ourKey);
      assertThat(verifier.verify(token)).as("kid %s", kid).isEqualTo(INVALID);
    }
    String noKid =
        sign(
            new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).build(),
            goodClaims().build(),
            ourKey);
    assertThat(verifier.verify(noKid)).isEqualTo(INVALID);
  }

  @Test
  void anotherKeyUsingOurKidIsRefused() throws Exception {
    ECKey attacker = SigningKeys.generate();
    assertThat(verifier.verify(sign(goodHeader().build(), goodClaims().build(), attacker)))
        .isEqualTo(INVALID);
  }

  @Test
  void wrongIssuerOrAudienceIsRefused() throws Exception {
    assertThat(
            verifier.verify(
                sign(goodHeader().build(), goodClaims().issuer("https://evil").build(), ourKey)))
        .isEqualTo(INVALID);
    assertThat(
            verifier.verify(
                sign(goodHeader().build(), goodClaims().audience("other-api").build(), ourKey)))
        .isEqualTo(INVALID);
    assertThat(
            verifier.verify(
                sign(goodHeader().build(), goodClaims().audience((String) null).build(), ourKey)))
        .isEqualTo(INVALID);
    // The control: the same construction with the right values passes.
    assertThat(verifier.verify(sign(goodHeader().build(), goodClaims().build(), ourKey)).ok())
        .isTrue();
  }

  @Test
  void wrongOrMissingTypIsRefused() throws Exception {
    String jwtTyp =
        sign(goodHeader().type(JOSEObjectType.JWT).build(), goodClaims().build(), ourKey);
    String noTyp =
        sign(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.currentKid()).build(),
            goodClaims().build(),
            ourKey);
    assertThat(verifier.verify(jwtTyp)).isEqualTo(INVALID);
    assertThat(verifier.verify(noTyp)).isEqualTo(INVALID);
  }

  @Test
  void expiryAllowsThirtySecondsOfSkewAndNoMore() {
    AccessToken token = issuer.issue("job", List.of());
    clock.advance(Duration.ofMinutes(5).plusSeconds(29));
    assertThat(new TokenVerifier(keys, clock, ISSUER).verify(token.token()).ok()).isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(new TokenVerifier(keys, clock, ISSUER).verify(token.token())).isEqualTo(EXPIRED);
  }

  @Test
  void aCachedTokenStillExpires() {
    AccessToken token = issuer.issue("job", List.of());
    assertThat(verifier.verify(token.token()).ok()).isTrue();
    clock.advance(Duration.ofMinutes(5).plusSeconds(29));
    assertThat(verifier.verify(token.token()).ok()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token.token())).isEqualTo(EXPIRED);
  }

  @Test
  void aTokenNotYetValidBeyondTheSkewIsRefused() throws Exception {
    Instant later = clock.instant().plusSeconds(60);
    String early =
        sign(goodHeader().build(), goodClaims().notBeforeTime(Date.from(later)).build(), ourKey);
    assertThat(verifier.verify(early)).isEqualTo(INVALID);
  }

  @Test
  void aTamperedPayloadIsRefused() {
    AccessToken token = issuer.issue("job", List.of("contacts.read"));
    String[] parts = token.token().split("\\.");
    String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
    String forged = payload.replace("contacts.read", "contacts.admin");
    assertThat(forged).isNotEqualTo(payload);
    String tampered = parts[0] + "." + b64(forged) + "." + parts[2];
    assertThat(verifier.verify(tampered)).isEqualTo(INVALID);
    String otherSubject =
        parts[0] + "." + b64(payload.replace("\"job\"", "\"admin\"")) + "." + parts[2];
    assertThat(verifier.verify(otherSubject)).isEqualTo(INVALID);
  }

  @Test
  void aTokenHasOneSpellingOnly() {
    String token = issuer.issue("job", List.of()).token();
    int sig = token.lastIndexOf('.') + 1;
    // Nimbus' decoder would skip these characters and verify the same signature bytes.
    for (String variant :
        List.of(
            token.substring(0, sig + 5) + "'" + token.substring(sig + 5),
            token.substring(0, sig + 5) + " " + token.substring(sig + 5),
            token + "=",
            token + "==",
            token.substring(0, sig) + "+" + token.substring(sig),
            token + ".",
            token + "A",
            token.substring(0, token.length() - 1),
            withLastCharBitsFlipped(token))) {
      assertThat(new TokenVerifier(keys, clock, ISSUER).verify(variant))
          .as(variant)
          .isEqualTo(INVALID);
    }
    assertThat(verifier.verify(token).ok()).isTrue();
  }

  @Test
  void theVerifiedTokenCacheStaysBounded() {
    TokenVerifier small = new TokenVerifier(keys, clock, ISSUER, "bulwark-gateway", 40);
    List<String> live = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String token = issuer.issue("job-" + i, List.of()).token();
      live.add(token);
      assertThat(small.verify(token).ok()).isTrue();
      assertThat(small.cachedCount()).isLessThanOrEqualTo(40);
      if (i % 50 == 49) {
        clock.advance(Duration.ofMinutes(2)); // some entries expire along the way
      }
    }
    // Evicted or not, a token's answer does not change while it is valid.
    String recent = live.get(live.size() - 1);
    assertThat(small.verify(recent).ok()).isTrue();
  }

  /** The same signature bytes in a non-canonical spelling: the last char's unused bits set. */
  private static String withLastCharBitsFlipped(String token) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(token.charAt(token.length() - 1));
    // 64 bytes = 85 full chars + 1 char carrying 2 data bits and 4 unused ones.
    String variant = token.substring(0, token.length() - 1) + alphabet.charAt((last & 0x30) | 0x0F);
    assertThat(Base64URL.from(variant.substring(variant.lastIndexOf('.') + 1)).decode())
        .isEqualTo(Base64URL.from(token.substring(token.lastIndexOf('.') + 1)).decode());
    return variant;
  }

  @Test
  void garbageIsRefused() {
    for (String garbage :
        List.of("", "a", "a.b", "a.b.c", "....", "Bearer x", "x".repeat(10_000))) {
      assertThat(verifier.verify(garbage)).as(garbage).isEqualTo(INVALID);
    }
    assertThat(verifier.verify(null)).isEqualTo(INVALID);
  }

  @Test
  void aTokenForAnotherIssuerOfOursIsRefused() {
    TokenIssuer other = new TokenIssuer(keys, clock, "https://other.bulwark");
    assertThat(verifier.verify(other.issue("job", List.of()).token())).isEqualTo(INVALID);
  }

  @Test
  void subjectAndClientIdMustAgree() throws Exception {
    String token =
        sign(goodHeader().build(), goodClaims().claim("client_id", "someone-else").build(), ourKey);
    assertThat(verifier.verify(token)).isEqualTo(INVALID);
  }
}
