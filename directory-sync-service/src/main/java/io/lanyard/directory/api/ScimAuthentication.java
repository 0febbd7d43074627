package io.lanyard.directory.api;

import io.lanyard.directory.application.ScimException;
import io.lanyard.directory.infra.ScimTokenRecords;
import io.lanyard.secrets.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a SCIM request's bearer token against the tenant of its URL: the tenant's current token
 * only (a replaced or revoked one, or another tenant's, is refused). OIDC is not involved.
 */
@ApplicationScoped
public class ScimAuthentication {

  private final ScimTokenRecords tokens;

  ScimAuthentication(ScimTokenRecords tokens) {
    this.tokens = tokens;
  }

  public Uni<Void> require(String authorization, String tenantId) {
    String token = OpaqueTokens.fromBearer(authorization);
    if (!OpaqueTokens.SCIM.wellFormed(token)) {
      return Uni.createFrom().failure(ScimException.unauthorized());
    }
    return tokens
        .tenantOf(OpaqueTokens.hash(token))
        .invoke(
            owner -> {
              if (owner.isEmpty() || !owner.get().equals(tenantId)) {
                throw ScimException.unauthorized();
              }
            })
        .replaceWithVoid();
  }
}
