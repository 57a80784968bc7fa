package dev.bulwark.gateway.pipeline;

import dev.bulwark.model.Integration;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling, as authentication established it and authorization reads it.
 *
 * @param integration the configured integration the credential belongs to
 * @param credentialId the API key or client-secret id, or the access token's {@code jti}
 * @param scopes the scopes in force: the token's for a JWT, the integration's for an API key
 */
public record Principal(Integration integration, String credentialId, List<String> scopes) {
  public Principal {
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(credentialId, "credentialId");
    scopes = List.copyOf(scopes);
  }

  public String integrationId() {
    return integration.id();
  }
}
