package io.lanyard.directory.application;

import io.lanyard.directory.domain.scim.ScimName;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as SCIM shows them.
 *
 * @param externalId as the SCIM client gave it (RFC 7643 §3.1), or the directory's id of a user
 *     another directory provisioned; null when none was given
 * @param name the name's parts as the SCIM client gave them; {@link ScimName#NONE} when none were
 */
public record ScimUserRow(
    UUID id,
    String tenantId,
    String userName,
    String displayName,
    String email,
    String locale,
    String origin,
    String externalId,
    ScimName name,
    boolean active,
    long version,
    Instant created,
    Instant lastModified) {}
