package io.lanyard.runtime.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant a caller acts for: the one their token names, if the service knows it as active;
 * otherwise 403 {@code unknown_tenant}.
 */
@ApplicationScoped
public class AdminTenant {

  private final CallerTenant caller;
  private final ActiveTenants tenants;

  AdminTenant(CallerTenant caller, ActiveTenants tenants) {
    this.caller = caller;
    this.tenants = tenants;
  }

  public Uni<String> of(SecurityIdentity identity) {
    String tenant = caller.tenantOf(identity).orElseThrow(CallerTenant::unknownTenant);
    return tenants
        .isActive(tenant)
        .map(
            active -> {
              if (!active) {
                throw CallerTenant.unknownTenant();
              }
              return tenant;
            });
  }
}
