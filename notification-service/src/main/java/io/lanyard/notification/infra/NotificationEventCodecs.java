package io.lanyard.notification.infra;

import io.lanyard.contracts.NotificationEvents;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.SettingsChanged;

/** Which notification domain record is which public event type. */
public final class NotificationEventCodecs {

  public static final JsonEventCodec<SettingsChanged> SETTINGS =
      new JsonEventCodec<SettingsChanged>()
          .map(NotificationEvents.NOTIFICATION_SETTINGS_CHANGED, SettingsChanged.class);

  public static final JsonEventCodec<DeliveryEvent> DELIVERIES =
      new JsonEventCodec<DeliveryEvent>()
          .map(NotificationEvents.NOTIFICATION_SENT, DeliveryEvent.NotificationSent.class)
          .map(NotificationEvents.NOTIFICATION_FAILED, DeliveryEvent.NotificationFailed.class);

  private NotificationEventCodecs() {}
}
