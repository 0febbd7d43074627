package io.lanyard.runtime.api;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * For a service that does not follow tenants yet: it knows none, so every admin token gets 403
 * {@code unknown_tenant}. A service that follows tenants provides its own {@link ActiveTenants}.
 */
@DefaultBean
@ApplicationScoped
public class NoTenantsKnown implements ActiveTenants {

  @Override
  public Uni<Boolean> isActive(String tenantId) {
    return Uni.createFrom().item(false);
  }
}
