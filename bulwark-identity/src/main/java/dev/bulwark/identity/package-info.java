/**
 * Who is calling: integration credentials (API keys, OAuth2 client secrets) and the short-lived
 * access tokens Bulwark issues and verifies. Pure Java, no Vert.x: the gateway calls these classes
 * from its event loop, so the per-request paths ({@link
 * dev.bulwark.identity.apikey.ApiKeyAuthenticator}, {@link
 * dev.bulwark.identity.oauth.TokenVerifier}) answer from memory and touch the store only on a cache
 * miss.
 *
 * <p>Every outcome is an {@link dev.bulwark.identity.Authentication}: authenticated, or failed with
 * a stable reason code. Secrets are shown once ({@link dev.bulwark.identity.IssuedSecret}) and
 * stored only as SHA-256 hashes.
 */
package dev.bulwark.identity;
