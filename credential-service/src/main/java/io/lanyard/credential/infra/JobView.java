package io.lanyard.credential.infra;

import java.time.Instant;
import java.util.UUID;

/**
 * A job as its read model holds it; values as the API spells them.
 *
 * @param status {@code queued}, {@code running}, {@code completed}, {@code failed} or {@code
 *     cancelled}
 * @param reason why it failed or was cancelled; null otherwise
 */
public record JobView(
    UUID id,
    String kind,
    boolean notifyUsers,
    String status,
    int total,
    int done,
    int failed,
    Instant createdAt,
    Instant updatedAt,
    String reason) {}
