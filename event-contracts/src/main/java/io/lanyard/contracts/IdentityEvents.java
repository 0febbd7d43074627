package io.lanyard.contracts;

/**
 * The events identity-service publishes on {@link Topics#IDENTITY}, keyed by tenant or user id (an
 * import's: by import id).
 */
public final class IdentityEvents {

  public static final EventType TENANT_CREATED = EventType.of("identity", "TenantCreated", 1);
  public static final EventType TENANT_SUSPENDED = EventType.of("identity", "TenantSuspended", 1);
  public static final EventType USER_CREATED = EventType.of("identity", "UserCreated", 1);
  public static final EventType USER_UPDATED = EventType.of("identity", "UserUpdated", 1);
  public static final EventType USER_SUSPENDED = EventType.of("identity", "UserSuspended", 1);
  public static final EventType USER_REACTIVATED = EventType.of("identity", "UserReactivated", 1);
  public static final EventType USER_DELETED = EventType.of("identity", "UserDeleted", 1);
  public static final EventType TENANT_SETTINGS_CHANGED =
      EventType.of("identity", "TenantSettingsChanged", 1);
  public static final EventType USER_IMPORT_QUEUED =
      EventType.of("identity", "UserImportQueued", 1);
  public static final EventType USER_IMPORT_PROGRESSED =
      EventType.of("identity", "UserImportProgressed", 1);
  public static final EventType USER_IMPORT_ENDED = EventType.of("identity", "UserImportEnded", 1);
  public static final EventType USER_ERASED = EventType.of("identity", "UserErased", 1);
  public static final EventType TENANT_ERASED = EventType.of("identity", "TenantErased", 1);

  /** The person's data sealed (ADR 7); v1 stays readable for the history written before. */
  public static final EventType USER_CREATED_V2 = EventType.of("identity", "UserCreated", 2);

  public static final EventType USER_UPDATED_V2 = EventType.of("identity", "UserUpdated", 2);

  private IdentityEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          TENANT_CREATED,
          TENANT_SUSPENDED,
          USER_CREATED,
          USER_UPDATED,
          USER_SUSPENDED,
          USER_REACTIVATED,
          USER_DELETED,
          TENANT_SETTINGS_CHANGED,
          USER_IMPORT_QUEUED,
          USER_IMPORT_PROGRESSED,
          USER_IMPORT_ENDED,
          USER_ERASED,
          TENANT_ERASED,
          USER_CREATED_V2,
          USER_UPDATED_V2
        }) {
      registry.register(type, Topics.IDENTITY);
    }
    return registry;
  }
}
