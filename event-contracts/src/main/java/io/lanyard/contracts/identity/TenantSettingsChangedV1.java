package io.lanyard.contracts.identity;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.IdentityEvents;

/**
 * The data of {@code io.lanyard.identity.TenantSettingsChanged.v1}: a tenant's settings changed;
 * carries every setting after the change (key: the tenant id, the tenant's stream).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record TenantSettingsChangedV1(String tenantId, int guestRetentionDays, String changedBy) {

  public static final EventType TYPE = IdentityEvents.TENANT_SETTINGS_CHANGED;
}
