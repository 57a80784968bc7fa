package dev.bulwark.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.bulwark.identity.Authentication;
import dev.bulwark.identity.Authentication.Authenticated;
import dev.bulwark.identity.Authentication.Failed;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether a presented access token is one Bulwark issued and still valid: ES256 over our
 * own key set only, {@code typ: at+jwt}, exactly our {@code iss} and {@code aud}, {@code exp} and
 * {@code nbf} with at most {@link #MAX_CLOCK_SKEW} of skew.
 *
 * <p>Defences, in order, each before any key lookup or signature check: a length cap and strict
 * compact form (three non-empty parts of base64url characters only, the signature the canonical
 * encoding of 64 bytes, so one token has exactly one spelling); a header that may hold only {@code
 * alg}, {@code typ} and {@code kid} (so {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}, {@code
 * crit} and friends are refused outright — we never fetch or trust a key the token brings); {@code
 * alg} exactly ES256 (so {@code none} and HS256-with-our-public-key are refused); a {@code kid}
 * shaped like an RFC 7638 thumbprint (43 base64url characters: no paths, quotes or SQL ever reach a
 * lookup) that names one of our keys. Then Nimbus' {@link DefaultJWTProcessor} verifies the
 * signature with a {@link JWSVerificationKeySelector} fixed to ES256 over an {@link
 * ImmutableJWKSet} of our public keys, and the claims.
 *
 * <p>Verified tokens are cached (token text → claims, until {@code exp} + skew, at most {@link
 * #MAX_CACHED} entries; when full, expired entries are dropped, and everything when that frees less
 * than a quarter). Why: an ES256 verification costs on the order of 100 µs of CPU, several times
 * the gateway's whole per-request budget (~29 µs, the nginx figure), while a client reuses one
 * token for its 5-minute life. The cached answer depends only on the exact token bytes, whose
 * signature was verified, and on the time, which is checked again on every hit; failures are not
 * cached. The signing keys of a {@link SigningKeys} never change, so no cached entry outlives its
 * key.
 */
public final class TokenVerifier {

  /** The most a token's {@code exp} or {@code nbf} may be off. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

  /** The most verified tokens remembered. */
  public static final int MAX_CACHED = 10_000;

  // Our tokens are ~600 characters; anything far longer is not ours and is not parsed.
  private static final int MAX_TOKEN_CHARS = 4096;
  private static final Set<String> ALLOWED_HEADER_PARAMS = Set.of("alg", "typ", "kid");
  private static final int ES256_SIGNATURE_CHARS = 86; // 64 bytes, base64url without padding
  private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final SigningKeys keys;
  private final Clock clock;
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
  private final int maxCached;

  public TokenVerifier(SigningKeys keys, Clock clock, String issuer) {
    this(keys, clock, issuer, TokenIssuer.DEFAULT_AUDIENCE);
  }

  public TokenVerifier(SigningKeys keys, Clock clock, String issuer, String audience) {
    this(keys, clock, issuer, audience, MAX_CACHED);
  }

  TokenVerifier(SigningKeys keys, Clock clock, String issuer, String audience, int maxCached) {
    this.maxCached = maxCached;
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    this.processor = new DefaultJWTProcessor<>();
    DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
    verifiers.getJCAContext().setProvider(EcdsaProvider.INSTANCE);
    processor.setJWSVerifierFactory(verifiers);
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TokenIssuer.AT_JWT));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicKeys())));
    ClockedClaimsVerifier claims =
        new ClockedClaimsVerifier(
            clock,
            Set.of(audience),
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "client_id", "iat", "nbf", "exp", "jti"));
    claims.setMaxClockSkew((int) MAX_CLOCK_SKEW.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Checks {@code jwt}; never blocks (no I/O), costs one ES256 verification on a cache miss. */
  public Authentication verify(String jwt) {
    if (!compactShape(jwt)) {
      return Failed.INVALID_TOKEN;
    }
    long nowSeconds = clock.instant().getEpochSecond();
    Verified hit = verified.get(jwt);
    if (hit != null) {
      if (nowSeconds < hit.usableUntil) {
        return hit.caller;
      }
      verified.remove(jwt, hit);
      return Failed.EXPIRED_TOKEN;
    }
    if (!canonicalSignature(jwt)) {
      return Failed.INVALID_TOKEN;
    }
    SignedJWT parsed = parse(jwt);
    if (parsed == null || !headerAcceptable(parsed.getHeader())) {
      return Failed.INVALID_TOKEN;
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(parsed, null);
    } catch (ExpiredJWTException e) {
      return Failed.EXPIRED_TOKEN;
    } catch (BadJOSEException | JOSEException e) {
      return Failed.INVALID_TOKEN;
    }
    Authenticated caller = caller(claims);
    if (caller == null) {
      return Failed.INVALID_TOKEN;
    }
    remember(jwt, caller, claims.getExpirationTime());
    return caller;
  }

  /**
   * Exactly three non-empty base64url parts. Why here: Nimbus' base64url decoder skips characters
   * outside the alphabet, so without this check {@code sig} and {@code si'g} would decode to the
   * same signature and one token would verify under many spellings (found by the fuzz test).
   */
  private static boolean compactShape(String jwt) {
    if (jwt == null || jwt.length() > MAX_TOKEN_CHARS) {
      return false;
    }
    int dots = 0;
    char previous = '.';
    for (int i = 0; i < jwt.length(); i++) {
      char c = jwt.charAt(i);
      if (c == '.') {
        if (previous == '.') {
          return false; // an empty part
        }
        dots++;
      } else if (!((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_')) {
        return false;
      }
      previous = c;
    }
    return dots == 2 && previous != '.';
  }

  /**
   * The signature part is exactly the canonical base64url of 64 bytes (ES256's r || s). Why: the
   * header and payload are covered by the signature as text, but the signature's own text is not,
   * and a decoder ignores the unused low bits of its last character; without this, changing that
   * character would give another spelling of the same valid token (found by the fuzz test).
   */
  private static boolean canonicalSignature(String jwt) {
    String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
    if (signature.length() != ES256_SIGNATURE_CHARS) {
      return false;
    }
    byte[] bytes = BASE64URL_DECODER.decode(signature);
    return BASE64URL_ENCODER.encodeToString(bytes).equals(signature);
  }

  private static SignedJWT parse(String jwt) {
    try {
      return SignedJWT.parse(jwt);
    } catch (ParseException | RuntimeException e) {
      // alg "none" (a PlainJWT), JWE, bad base64 or JSON: none of them is a token of ours.
      return null;
    }
  }

  private boolean headerAcceptable(JWSHeader header) {
    if (!ALLOWED_HEADER_PARAMS.containsAll(header.getIncludedParams())) {
      return false;
    }
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())
        || !TokenIssuer.AT_JWT.equals(header.getType())) {
      return false;
    }
    String kid = header.getKeyID();
    return kid != null && THUMBPRINT.matcher(kid).matches() && keys.hasKid(kid);
  }

  /** The caller a verified token names; null when its claims are not the shape we issue. */
  private static Authenticated caller(JWTClaimsSet claims) {
    try {
      String subject = claims.getSubject();
      String clientId = claims.getStringClaim("client_id");
      String scope = claims.getStringClaim("scope");
      String jti = claims.getJWTID();
      if (subject == null || !subject.equals(clientId) || jti == null) {
        return null;
      }
      List<String> scopes =
          scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
      return new Authenticated(subject, jti, scopes);
    } catch (ParseException e) {
      return null;
    }
  }

  private void remember(String jwt, Authenticated caller, Date exp) {
    long usableUntil = exp.toInstant().plus(MAX_CLOCK_SKEW).getEpochSecond();
    if (verified.size() >= maxCached) {
      long now = clock.instant().getEpochSecond();
      verified.values().removeIf(v -> v.usableUntil <= now);
      // Keep a quarter free after a purge, so the O(n) sweep runs at most once per n/4 inserts
      // even when only a few entries expire between inserts.
      if (verified.size() >= maxCached * 3 / 4) {
        verified.clear();
      }
    }
    verified.put(jwt, new Verified(caller, usableUntil));
  }

  /** How many verified tokens are remembered now; for tests of the bound. */
  int cachedCount() {
    return verified.size();
  }

  private record Verified(Authenticated caller, long usableUntil) {}

  /** Nimbus' claims checks, with "now" from our clock rather than the system's. */
  private static final class ClockedClaimsVerifier
      extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Clock clock;

    ClockedClaimsVerifier(
        Clock clock, Set<String> audience, JWTClaimsSet exact, Set<String> required) {
      super(audience, exact, required, null);
      this.clock = clock;
    }

    @Override
    protected Date currentTime() {
      return Date.from(clock.instant());
    }
  }
}
