package io.lanyard.identity.infra;

import java.time.OffsetDateTime;

/** A tenant as the tenants read model ({@link TenantDirectory}) holds it and the API shows it. */
public record TenantView(String id, String name, String status, OffsetDateTime createdAt) {}
