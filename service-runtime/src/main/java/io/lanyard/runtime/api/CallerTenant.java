package io.lanyard.runtime.api;

import io.lanyard.kernel.TenantIds;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller's tenant and email from the bearer token (claims named by configuration). */
@ApplicationScoped
public class CallerTenant {

  private final String tenantClaim;

  CallerTenant(@ConfigProperty(name = "lanyard.tenant-claim") String tenantClaim) {
    this.tenantClaim = tenantClaim;
  }

  /** The tenant id the token names, if it names a well-formed one. */
  public Optional<String> tenantOf(SecurityIdentity identity) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Optional.empty();
    }
    String tenant = Claims.text(token, tenantClaim);
    return TenantIds.valid(tenant) ? Optional.of(tenant) : Optional.empty();
  }

  public static ApiException unknownTenant() {
    return ApiException.forbidden("unknown_tenant", "the token's tenant is unknown or suspended");
  }
}
