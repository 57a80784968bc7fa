package dev.bulwark.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.store.SecretVault;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ES256 (P-256) keys Bulwark signs access tokens with. The private keys live in the {@link
 * SecretVault} under {@link #VAULT_REF} as a JWK set (first key signs, all verify), generated on
 * first use; each {@code kid} is the key's RFC 7638 SHA-256 thumbprint, so it is derived from the
 * key, not chosen, and always 43 base64url characters. Immutable once loaded; thread-safe.
 */
public final class SigningKeys {

  /** Where the private JWK set is kept in the vault. */
  public static final String VAULT_REF = "bulwark/jwt-signing-key";

  private final List<ECKey> keys;
  private final JWKSet publicKeys;
  private final String jwksJson;

  private SigningKeys(List<ECKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is required");
    }
    this.keys = List.copyOf(keys);
    List<JWK> publics = new ArrayList<>();
    for (ECKey key : this.keys) {
      publics.add(key.toPublicJWK());
    }
    this.publicKeys = new JWKSet(publics);
    this.jwksJson = JSONObjectUtils.toJSONString(publicKeys.toJSONObject(true));
  }

  /**
   * The keys in {@code vault}, or a new key stored there when there is none. Blocking (store I/O):
   * call once at start.
   *
   * @throws IllegalStateException when the vault holds something that is not a usable P-256 private
   *     JWK set (it is never overwritten: a lost signing key would invalidate every token)
   */
  public static SigningKeys loadOrCreate(SecretVault vault) {
    Objects.requireNonNull(vault, "vault");
    var stored = vault.get(VAULT_REF);
    if (stored.isPresent()) {
      return new SigningKeys(parse(stored.get()));
    }
    ECKey fresh = generate();
    vault.put(VAULT_REF, serialize(List.of(fresh)));
    // Read back: when two nodes start together the last write wins, and both then sign with it.
    return new SigningKeys(parse(vault.get(VAULT_REF).orElseThrow()));
  }

  /**
   * Puts a new signing key in front of the keys in {@code vault} and keeps at most {@code
   * keepPrevious} of the older ones for verification (tokens they signed stay valid until they
   * expire, so keep at least one for the token lifetime after a rotation). Nodes pick the new set
   * up when they next load it. Blocking (store I/O).
   *
   * @return the rotated keys, as now stored
   */
  public static SigningKeys rotate(SecretVault vault, int keepPrevious) {
    Objects.requireNonNull(vault, "vault");
    if (keepPrevious < 0) {
      throw new IllegalArgumentException("keepPrevious must not be negative");
    }
    List<ECKey> keys = new ArrayList<>();
    keys.add(normalise(generate()));
    vault.get(VAULT_REF).map(SigningKeys::parse).orElse(List.of()).stream()
        .limit(keepPrevious)
        .forEach(keys::add);
    vault.put(VAULT_REF, serialize(keys));
    return new SigningKeys(keys);
  }

  /** Keys held only in memory: {@code signing} signs, all of them verify. For tests and tools. */
  public static SigningKeys of(ECKey signing, ECKey... alsoVerifying) {
    List<ECKey> all = new ArrayList<>();
    all.add(normalise(signing));
    for (ECKey key : alsoVerifying) {
      all.add(normalise(key));
    }
    return new SigningKeys(all);
  }

  /** A new P-256 signing key whose kid is its RFC 7638 thumbprint. */
  public static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .keyIDFromThumbprint(true)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  /** The kid of the key that signs new tokens. */
  public String currentKid() {
    return keys.get(0).getKeyID();
  }

  /** The public halves of all keys, for verification and publication. */
  public JWKSet publicKeys() {
    return publicKeys;
  }

  /** The JWKS document for {@code /.well-known/jwks.json}: public keys only. */
  public String jwksJson() {
    return jwksJson;
  }

  /** Whether {@code kid} names one of these keys. */
  public boolean hasKid(String kid) {
    for (ECKey key : keys) {
      if (key.getKeyID().equals(kid)) {
        return true;
      }
    }
    return false;
  }

  /** The private key that signs new tokens; package-private, never published. */
  ECKey signingKey() {
    return keys.get(0);
  }

  private static List<ECKey> parse(byte[] stored) {
    String json = new String(stored, StandardCharsets.UTF_8);
    try {
      Map<String, Object> object = JSONObjectUtils.parse(json);
      List<JWK> jwks =
          object.containsKey("keys") ? JWKSet.parse(object).getKeys() : List.of(JWK.parse(object));
      List<ECKey> keys = new ArrayList<>();
      for (JWK jwk : jwks) {
        if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())) {
          throw new IllegalStateException(
              "vault entry " + VAULT_REF + " holds a key that is not a P-256 private key");
        }
        keys.add(normalise(ec));
      }
      return keys;
    } catch (ParseException e) {
      // The message of a ParseException may quote the input, which holds private keys: drop it.
      throw new IllegalStateException("vault entry " + VAULT_REF + " is not a JWK set");
    }
  }

  private static byte[] serialize(List<ECKey> keys) {
    return JSONObjectUtils.toJSONString(new JWKSet(new ArrayList<JWK>(keys)).toJSONObject(false))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The key with kid = its RFC 7638 thumbprint, use = sig, alg = ES256. */
  private static ECKey normalise(ECKey key) {
    Objects.requireNonNull(key, "key");
    if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
      throw new IllegalArgumentException("an ES256 signing key must be a P-256 private key");
    }
    try {
      String thumbprint = key.computeThumbprint().toString();
      return new ECKey.Builder(key)
          .keyID(thumbprint)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute a key thumbprint", e);
    }
  }
}
