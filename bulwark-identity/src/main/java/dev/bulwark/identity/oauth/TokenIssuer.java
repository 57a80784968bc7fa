package dev.bulwark.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Issues RFC 9068 access tokens for integrations: ES256 JWS with header {@code typ: at+jwt} and the
 * signing key's {@code kid}; claims {@code iss}, {@code aud}, {@code sub} = {@code client_id} = the
 * integration id, {@code scope} (space-separated), {@code iat}, {@code nbf}, {@code exp} and a
 * random {@code jti}. Decides nothing about who may have a token: {@link TokenEndpoint} does.
 */
public final class TokenIssuer {

  /** The audience tokens are minted for when none is given. */
  public static final String DEFAULT_AUDIENCE = "bulwark-gateway";

  /** Token lifetime when none is given: short, since a JWT cannot be recalled once issued. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /** The RFC 9068 media type of a JWT access token. */
  public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final JWSHeader header;
  private final ECDSASigner signer;

  public TokenIssuer(SigningKeys keys, Clock clock, String issuer) {
    this(keys, clock, issuer, DEFAULT_AUDIENCE, DEFAULT_TTL);
  }

  public TokenIssuer(SigningKeys keys, Clock clock, String issuer, String audience, Duration ttl) {
    Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.issuer = requireText(issuer, "issuer");
    this.audience = requireText(audience, "audience");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.getSeconds() < 1) {
      throw new IllegalArgumentException("token ttl must be at least one second");
    }
    this.header =
        new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT).keyID(keys.currentKid()).build();
    try {
      this.signer = new ECDSASigner(keys.signingKey());
      signer.getJCAContext().setProvider(EcdsaProvider.INSTANCE);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign with the ES256 key " + keys.currentKid(), e);
    }
  }

  /** A signed token for {@code integrationId} carrying {@code scopes}. */
  public AccessToken issue(String integrationId, List<String> scopes) {
    requireText(integrationId, "integrationId");
    List<String> granted = List.copyOf(scopes);
    // JWT times are whole seconds: truncate so expiresAt equals the exp claim exactly.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(ttl);
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(integrationId)
            .claim("client_id", integrationId)
            .claim("scope", String.join(" ", granted))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(BASE64URL.encodeToString(jti))
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new AccessToken(jwt.serialize(), expiresAt, granted);
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public Duration ttl() {
    return ttl;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
