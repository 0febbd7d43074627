package io.lanyard.runtime.api;

import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;

/** What a service knows of tenants: whether one exists and is not suspended. */
public interface ActiveTenants {

  Uni<Boolean> isActive(String tenantId);

  /** A command's tenant must be active: otherwise 404, as if it did not exist. */
  default Uni<Void> requireActive(String tenantId) {
    return isActive(tenantId)
        .invoke(
            active -> {
              if (!active) {
                throw DomainException.notFound("tenant");
              }
            })
        .replaceWithVoid();
  }
}
