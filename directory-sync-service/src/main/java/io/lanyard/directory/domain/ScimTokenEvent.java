package io.lanyard.directory.domain;

/** What happens to a tenant's SCIM token (stream {@code scim-token:<tenant>}). */
public sealed interface ScimTokenEvent {

  String tenantId();

  record ScimTokenIssued(String tenantId, String tokenHash, String issuedBy)
      implements ScimTokenEvent {}

  record ScimTokenRevoked(String tenantId, String revokedBy) implements ScimTokenEvent {}
}
