package io.lanyard.identity.api;

import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.runtime.api.CallerTenant;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The tenant an admin acts for: the one their token names, if it exists and is active. */
@ApplicationScoped
public class AdminTenant {

  private final CallerTenant caller;
  private final TenantDirectory tenants;

  AdminTenant(CallerTenant caller, TenantDirectory tenants) {
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
