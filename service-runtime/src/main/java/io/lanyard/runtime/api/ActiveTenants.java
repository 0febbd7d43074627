package io.lanyard.runtime.api;

import io.smallrye.mutiny.Uni;

/** What a service knows of tenants: whether one exists and is not suspended. */
public interface ActiveTenants {

  Uni<Boolean> isActive(String tenantId);
}
