package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;

/**
 * The data of {@code io.lanyard.identity.TenantSuspended.v1}: an operator suspended a tenant: its
 * admins and devices are refused.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record TenantSuspendedV1(String tenantId) {

  public static final EventType TYPE = IdentityEvents.TENANT_SUSPENDED;
}
