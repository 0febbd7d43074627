package io.lanyard.contracts;

/**
 * The events directory-sync-service publishes on {@link Topics#DIRECTORY}: a tenant's SCIM token
 * (keyed by {@code scim-token:<tenant>}; only its SHA-256 travels), and which users a directory
 * provisioned and what a Google run last applied to them (keyed by the user id), a tenant's Google
 * connection (keyed by {@code google-connection:<tenant>}; the service account key only as
 * ciphertext), and sync runs (keyed by {@code sync-run:<run id>}).
 */
public final class DirectoryEvents {

  public static final EventType SCIM_TOKEN_ISSUED = EventType.of("directory", "ScimTokenIssued", 1);
  public static final EventType SCIM_TOKEN_REVOKED =
      EventType.of("directory", "ScimTokenRevoked", 1);

  public static final EventType DIRECTORY_USER_LINKED =
      EventType.of("directory", "DirectoryUserLinked", 1);
  public static final EventType DIRECTORY_USER_UNLINKED =
      EventType.of("directory", "DirectoryUserUnlinked", 1);
  public static final EventType DIRECTORY_USER_SYNCED =
      EventType.of("directory", "DirectoryUserSynced", 1);

  public static final EventType GOOGLE_CONNECTION_CONFIGURED =
      EventType.of("directory", "GoogleConnectionConfigured", 1);
  public static final EventType GOOGLE_CONNECTION_REMOVED =
      EventType.of("directory", "GoogleConnectionRemoved", 1);

  public static final EventType DIRECTORY_SYNC_STARTED =
      EventType.of("directory", "DirectorySyncStarted", 1);
  public static final EventType DIRECTORY_SYNC_COMPLETED =
      EventType.of("directory", "DirectorySyncCompleted", 1);
  public static final EventType DIRECTORY_SYNC_FAILED =
      EventType.of("directory", "DirectorySyncFailed", 1);

  /** The directory's ids and names of the person sealed (ADR 7); v1 stays readable. */
  public static final EventType DIRECTORY_USER_LINKED_V2 =
      EventType.of("directory", "DirectoryUserLinked", 2);

  public static final EventType DIRECTORY_USER_SYNCED_V2 =
      EventType.of("directory", "DirectoryUserSynced", 2);

  private DirectoryEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          SCIM_TOKEN_ISSUED,
          SCIM_TOKEN_REVOKED,
          DIRECTORY_USER_LINKED,
          DIRECTORY_USER_UNLINKED,
          DIRECTORY_USER_SYNCED,
          GOOGLE_CONNECTION_CONFIGURED,
          GOOGLE_CONNECTION_REMOVED,
          DIRECTORY_SYNC_STARTED,
          DIRECTORY_SYNC_COMPLETED,
          DIRECTORY_SYNC_FAILED,
          DIRECTORY_USER_LINKED_V2,
          DIRECTORY_USER_SYNCED_V2
        }) {
      registry.register(type, Topics.DIRECTORY);
    }
    return registry;
  }
}
