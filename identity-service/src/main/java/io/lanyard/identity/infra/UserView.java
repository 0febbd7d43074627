package io.lanyard.identity.infra;

import java.time.OffsetDateTime;

/**
 * A user as the users read model ({@link UserDirectory}) holds it and the API shows it; {@code
 * version} is the user's stream version (one per change).
 */
public record UserView(
    String id,
    String username,
    String displayName,
    String email,
    String orgUnit,
    String locale,
    String status,
    String origin,
    String externalId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    long version) {}
