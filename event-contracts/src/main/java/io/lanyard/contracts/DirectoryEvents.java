package io.lanyard.contracts;

/**
 * The events directory-sync-service publishes on {@link Topics#DIRECTORY}: a tenant's SCIM token
 * (keyed by {@code scim-token:<tenant>}; only its SHA-256 travels), and which users a directory
 * provisioned (keyed by the user id).
 */
public final class DirectoryEvents {

  public static final EventType SCIM_TOKEN_ISSUED = EventType.of("directory", "ScimTokenIssued", 1);
  public static final EventType SCIM_TOKEN_REVOKED =
      EventType.of("directory", "ScimTokenRevoked", 1);

  public static final EventType DIRECTORY_USER_LINKED =
      EventType.of("directory", "DirectoryUserLinked", 1);
  public static final EventType DIRECTORY_USER_UNLINKED =
      EventType.of("directory", "DirectoryUserUnlinked", 1);

  private DirectoryEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          SCIM_TOKEN_ISSUED, SCIM_TOKEN_REVOKED, DIRECTORY_USER_LINKED, DIRECTORY_USER_UNLINKED
        }) {
      registry.register(type, Topics.DIRECTORY);
    }
    return registry;
  }
}
