package io.lanyard.identity.domain;

/** What happened to a tenant (an organisation using Lanyard). */
public sealed interface TenantEvent permits TenantEvent.Created, TenantEvent.Suspended {

  record Created(String tenantId, String name) implements TenantEvent {}

  record Suspended(String tenantId) implements TenantEvent {}
}
