package io.lanyard.contracts;

/**
 * The events directory-sync-service publishes on {@link Topics#DIRECTORY}. A tenant's SCIM token
 * (keyed by {@code scim-token:<tenant>}) travels only as its SHA-256.
 */
public final class DirectoryEvents {

  public static final EventType SCIM_TOKEN_ISSUED = EventType.of("directory", "ScimTokenIssued", 1);
  public static final EventType SCIM_TOKEN_REVOKED =
      EventType.of("directory", "ScimTokenRevoked", 1);

  private DirectoryEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type : new EventType[] {SCIM_TOKEN_ISSUED, SCIM_TOKEN_REVOKED}) {
      registry.register(type, Topics.DIRECTORY);
    }
    return registry;
  }
}
