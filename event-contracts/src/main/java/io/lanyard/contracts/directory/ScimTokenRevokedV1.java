package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;

/**
 * The data of {@code io.lanyard.directory.ScimTokenRevoked.v1}: an admin revoked the tenant's SCIM
 * token; SCIM requests are refused until a new one is issued.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record ScimTokenRevokedV1(String tenantId, String revokedBy) {

  public static final EventType TYPE = DirectoryEvents.SCIM_TOKEN_REVOKED;
}
