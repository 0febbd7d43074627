package io.lanyard.contracts.directory;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;

/**
 * The data of {@code io.lanyard.directory.ScimTokenIssued.v1}: an admin issued the tenant's SCIM
 * secret token; it replaces the previous one (key: scim-token:&lt;tenant&gt;).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record ScimTokenIssuedV1(String tenantId, String tokenHash, String issuedBy) {

  public static final EventType TYPE = DirectoryEvents.SCIM_TOKEN_ISSUED;
}
