package io.lanyard.identity.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A user as the users read model ({@link UserDirectory}) holds it and the API shows it; {@code
 * version} is the user's stream version (one per change); {@code kind} is {@code person} or {@code
 * guest}, and only a guest has (and shows) {@code validFrom} and {@code validUntil}.
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
    long version,
    String kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validFrom,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant validUntil) {}
