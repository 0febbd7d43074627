package io.lanyard.contracts;

/**
 * The events device-gateway publishes on {@link Topics#DEVICE}: a device's life (keyed by device
 * id) and reminder requests (keyed by a name-based UUID of tenant and address, so one address's
 * requests stay in order). Device tokens travel only as their SHA-256.
 */
public final class DeviceEvents {

  public static final EventType DEVICE_REGISTERED = EventType.of("device", "DeviceRegistered", 1);
  public static final EventType DEVICE_TOKEN_ROTATED =
      EventType.of("device", "DeviceTokenRotated", 1);
  public static final EventType DEVICE_REVOKED = EventType.of("device", "DeviceRevoked", 1);
  public static final EventType ACCESS_CODE_REMINDER_REQUESTED =
      EventType.of("device", "AccessCodeReminderRequested", 1);

  /** The typed address sealed under the tenant's key (ADR 7). */
  public static final EventType ACCESS_CODE_REMINDER_REQUESTED_V2 =
      EventType.of("device", "AccessCodeReminderRequested", 2);

  private DeviceEvents() {}

  public static EventTypeRegistry registerIn(EventTypeRegistry registry) {
    for (EventType type :
        new EventType[] {
          DEVICE_REGISTERED,
          DEVICE_TOKEN_ROTATED,
          DEVICE_REVOKED,
          ACCESS_CODE_REMINDER_REQUESTED,
          ACCESS_CODE_REMINDER_REQUESTED_V2
        }) {
      registry.register(type, Topics.DEVICE);
    }
    return registry;
  }
}
