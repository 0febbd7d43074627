package io.lanyard.identity.application;

import java.time.OffsetDateTime;

public record TenantView(String id, String name, String status, OffsetDateTime createdAt) {}
