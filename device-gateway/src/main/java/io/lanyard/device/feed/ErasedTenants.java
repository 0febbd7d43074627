package io.lanyard.device.feed;

import io.smallrye.mutiny.Uni;

/** What the gateway keeps of a tenant beside its login model, deleted when the tenant is erased. */
public interface ErasedTenants {

  Uni<Void> deleteRowsOf(String tenantId);
}
