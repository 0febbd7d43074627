package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;

/**
 * The data of {@code io.lanyard.identity.TenantCreated.v1}: an operator created a tenant.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record TenantCreatedV1(String tenantId, String name) {

  public static final EventType TYPE = IdentityEvents.TENANT_CREATED;
}
