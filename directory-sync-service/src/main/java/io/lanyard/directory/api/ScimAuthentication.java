package io.lanyard.directory.api;

import io.lanyard.directory.application.ScimException;
import io.lanyard.directory.infra.ScimTokenRecords;
import io.lanyard.secrets.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a SCIM request's bearer token against the tenant of its URL: the tenant's current token
 * only (a replaced or revoked one, or another tenant's, is refused: 401). A suspended tenant's
 * token is refused like its admins' tokens (403), so a suspension stops provisioning at once. OIDC
 * is not involved.
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
        .holderOf(OpaqueTokens.hash(token))
        .invoke(
            holder -> {
              if (holder.isEmpty() || !holder.get().tenantId().equals(tenantId)) {
                throw ScimException.unauthorized();
              }
              // Only a caller holding the tenant's own token learns that the tenant is suspended.
              if (!holder.get().tenantActive()) {
                throw ScimException.tenantInactive();
              }
            })
        .replaceWithVoid();
  }
}
