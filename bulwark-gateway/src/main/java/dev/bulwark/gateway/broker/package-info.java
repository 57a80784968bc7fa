/**
 * Credential brokering: the {@link dev.bulwark.gateway.broker.Broker} stage and the {@link
 * dev.bulwark.gateway.broker.UpstreamCredentials} it draws on (vault secrets decrypted once and
 * held in memory, OAuth2 client-credentials tokens fetched from the SaaS and cached until shortly
 * before they expire).
 */
package dev.bulwark.gateway.broker;
