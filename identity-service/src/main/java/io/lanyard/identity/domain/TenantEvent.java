package io.lanyard.identity.domain;

/** What happened to a tenant (an organisation using Lanyard). */
public sealed interface TenantEvent
    permits TenantEvent.Created,
        TenantEvent.Suspended,
        TenantEvent.SettingsChanged,
        TenantEvent.Erased {

  record Created(String tenantId, String name) implements TenantEvent {}

  record Suspended(String tenantId) implements TenantEvent {}

  /** Every setting after the change; {@code changedBy}: the admin's subject. */
  record SettingsChanged(String tenantId, TenantSettings settings, String changedBy)
      implements TenantEvent {}

  /** The tenant's exit (ADR 7): its keys destroyed; {@code erasedBy}: the operator's subject. */
  record Erased(String tenantId, String erasedBy) implements TenantEvent {}
}
