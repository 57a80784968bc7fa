/**
 * API keys of integrations: issuing, rotating and revoking them ({@link
 * dev.bulwark.identity.apikey.ApiKeys}) and checking a presented key on the gateway's hot path
 * ({@link dev.bulwark.identity.apikey.ApiKeyAuthenticator}).
 */
package dev.bulwark.identity.apikey;
