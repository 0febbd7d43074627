package io.lanyard.identity.application;

import java.time.OffsetDateTime;

/** A user as the API shows it; {@code version} is the user's stream version (one per change). */
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
