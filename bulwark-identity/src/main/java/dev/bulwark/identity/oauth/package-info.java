/**
 * Bulwark as an OAuth2 authorization server for integrations, client-credentials grant only (RFC
 * 6749 §4.4): client secrets ({@link dev.bulwark.identity.oauth.ClientSecrets}), the ES256 signing
 * keys and their JWKS ({@link dev.bulwark.identity.oauth.SigningKeys}), the token endpoint's logic
 * without any HTTP server ({@link dev.bulwark.identity.oauth.TokenEndpoint}), issuing RFC 9068
 * access tokens ({@link dev.bulwark.identity.oauth.TokenIssuer}) and verifying them on the
 * gateway's hot path ({@link dev.bulwark.identity.oauth.TokenVerifier}).
 */
package dev.bulwark.identity.oauth;
