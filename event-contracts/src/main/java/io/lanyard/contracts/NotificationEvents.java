package io.lanyard.contracts;

/**
 * The events notification-service publishes on {@link Topics#NOTIFICATION}: what became of each
 * email (keyed by the email's id; never its content, never a code) and a tenant's mail settings
 * (keyed by {@code settings:<tenant>}).
 */
public final class NotificationEvents {

  public static final EventType NOTIFICATION_SENT =
      EventType.of("notification", "NotificationSent", 1);
  public static final EventType NOTIFICATION_FAILED =
      EventType.of("notification", "NotificationFailed", 1);
  public static final EventType NOTIFICATION_SETTINGS_CHANGED =
      EventType.of("notification", "NotificationSettingsChanged", 1);

  private NotificationEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {NOTIFICATION_SENT, NOTIFICATION_FAILED, NOTIFICATION_SETTINGS_CHANGED}) {
      registry.register(type, Topics.NOTIFICATION);
    }
    return registry;
  }
}
