package io.lanyard.contracts.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.NotificationEvents;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.notification.NotificationSent.v1}: the SMTP server accepted an
 * email to a user. Carries no content and no code.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record NotificationSentV1(
    UUID notificationId, String tenantId, UUID userId, Kind kind, int attempts) {

  public static final EventType TYPE = NotificationEvents.NOTIFICATION_SENT;

  /** kind's coded values; {@link WireValues} reads and writes them. */
  public enum Kind {
    @JsonProperty("invitation")
    INVITATION,
    @JsonProperty("code_changed")
    CODE_CHANGED,
    @JsonProperty("code_regenerated")
    CODE_REGENERATED,
    @JsonProperty("reminder")
    REMINDER
  }
}
