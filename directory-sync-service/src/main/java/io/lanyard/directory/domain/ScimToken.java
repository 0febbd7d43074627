package io.lanyard.directory.domain;

import io.lanyard.kernel.DomainException;
import java.util.List;

/**
 * A tenant's SCIM secret token as its events leave it: the hash of the one that works, or none. A
 * new token replaces the old one at once; there is no expiry unless an admin rotates or revokes.
 */
public record ScimToken(String tokenHash) {

  public static ScimToken fold(List<ScimTokenEvent> events) {
    String hash = null;
    for (ScimTokenEvent event : events) {
      hash = event instanceof ScimTokenEvent.ScimTokenIssued issued ? issued.tokenHash() : null;
    }
    return new ScimToken(hash);
  }

  public List<ScimTokenEvent> issue(String tenantId, String newHash, String by) {
    return List.of(new ScimTokenEvent.ScimTokenIssued(tenantId, newHash, by));
  }

  public List<ScimTokenEvent> revoke(String tenantId, String by) {
    if (tokenHash == null) {
      throw DomainException.notFound("SCIM token");
    }
    return List.of(new ScimTokenEvent.ScimTokenRevoked(tenantId, by));
  }
}
