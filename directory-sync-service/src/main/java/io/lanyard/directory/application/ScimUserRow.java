package io.lanyard.directory.application;

import java.time.Instant;
import java.util.UUID;

/** A user as SCIM shows them. */
public record ScimUserRow(
    UUID id,
    String tenantId,
    String userName,
    String displayName,
    String email,
    String locale,
    String origin,
    String externalId,
    boolean active,
    long version,
    Instant created,
    Instant lastModified) {}
