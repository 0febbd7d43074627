package io.lanyard.contracts;

/** Every event type of the system, as the services register them. */
public final class LanyardEvents {

  private LanyardEvents() {}

  public static EventTypeRegistry registry() {
    return DirectoryEvents.registerIn(
        NotificationEvents.registerIn(
            DeviceEvents.registerIn(
                CredentialEvents.registerIn(IdentityEvents.registerIn(new EventTypeRegistry())))));
  }
}
