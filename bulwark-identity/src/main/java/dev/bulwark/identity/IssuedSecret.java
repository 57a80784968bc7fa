package dev.bulwark.identity;

import java.time.Instant;

/**
 * A freshly issued credential: the only moment its secret exists outside the caller's hands. Show
 * it once; the store keeps only its hash. {@link #toString()} leaves the secret out so that a log
 * line or an exception message can never carry it.
 *
 * @param credentialId stable id to list, rotate and revoke it by
 * @param integrationId the integration it authenticates
 * @param secret the secret itself ({@code bwk_...} API key or {@code bwcs_...} client secret)
 * @param expiresAt when it stops working, or null for never
 */
public record IssuedSecret(
    String credentialId, String integrationId, String secret, Instant expiresAt) {

  @Override
  public String toString() {
    return "IssuedSecret[credentialId="
        + credentialId
        + ", integrationId="
        + integrationId
        + ", secret=<redacted>, expiresAt="
        + expiresAt
        + "]";
  }
}
