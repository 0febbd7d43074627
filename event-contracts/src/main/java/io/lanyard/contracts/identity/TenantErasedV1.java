package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;

/**
 * The data of {@code io.lanyard.identity.TenantErased.v1}: a suspended tenant's exit (ADR 7). Its
 * own key and every data key of its users were destroyed, so nothing its events sealed or hashed
 * opens again; every service deletes the tenant's rows and applies none of its events after this
 * one. It carries no personal data.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record TenantErasedV1(String tenantId, String erasedBy) {

  public static final EventType TYPE = IdentityEvents.TENANT_ERASED;
}
