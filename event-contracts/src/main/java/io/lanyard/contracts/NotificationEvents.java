package io.lanyard.contracts;

/**
 * The events notification-service publishes on {@link Topics#NOTIFICATION}: what became of each
 * email (keyed by the email's id; never its content, never a code) and a tenant's mail settings
 * (keyed by {@code settings:<tenant>}).
 *
 * <p>The service publishes the delivery events as {@code .v2} only; the topic's history keeps the
 * {@code .v1} ones, which name fewer kinds of email, so a consumer reads both.
 */
public final class NotificationEvents {

  public static final EventType NOTIFICATION_SENT =
      EventType.of("notification", "NotificationSent", 1);
  public static final EventType NOTIFICATION_FAILED =
      EventType.of("notification", "NotificationFailed", 1);
  public static final EventType NOTIFICATION_SENT_V2 =
      EventType.of("notification", "NotificationSent", 2);
  public static final EventType NOTIFICATION_FAILED_V2 =
      EventType.of("notification", "NotificationFailed", 2);
  public static final EventType NOTIFICATION_SETTINGS_CHANGED =
      EventType.of("notification", "NotificationSettingsChanged", 1);

  private NotificationEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          NOTIFICATION_SENT,
          NOTIFICATION_FAILED,
          NOTIFICATION_SETTINGS_CHANGED,
          NOTIFICATION_SENT_V2,
          NOTIFICATION_FAILED_V2
        }) {
      registry.register(type, Topics.NOTIFICATION);
    }
    return registry;
  }
}
