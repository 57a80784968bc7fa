/**
 * The shape and life of integration secrets, shared by API keys and OAuth2 client secrets: how a
 * secret looks and is checked for well-formedness before any lookup ({@link
 * dev.bulwark.identity.secret.SecretFormat}), how it is hashed, and how it is created, rotated with
 * an overlap and revoked in the {@link dev.bulwark.store.CredentialStore} ({@link
 * dev.bulwark.identity.secret.CredentialLifecycle}). Public only so that the {@code apikey} and
 * {@code oauth} rooms can share it; other modules use {@code ApiKeys} and {@code ClientSecrets}.
 */
package dev.bulwark.identity.secret;
