package io.lanyard.contracts.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.NotificationEvents;
import io.lanyard.contracts.WireValues;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.notification.NotificationFailed.v2}: an email could not be
 * delivered within the retry budget; nothing more is tried. As {@link NotificationFailedV1}, with
 * the kinds issue 22 added ({@code rotation_notice}, {@code code_rotated}): v1's kinds are frozen.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record NotificationFailedV2(
    UUID notificationId, String tenantId, UUID userId, Kind kind, int attempts, String reason) {

  public static final EventType TYPE = NotificationEvents.NOTIFICATION_FAILED_V2;

  /** kind's coded values; {@link WireValues} reads and writes them. */
  public enum Kind {
    @JsonProperty("invitation")
    INVITATION,
    @JsonProperty("code_changed")
    CODE_CHANGED,
    @JsonProperty("code_regenerated")
    CODE_REGENERATED,
    @JsonProperty("reminder")
    REMINDER,
    @JsonProperty("rotation_notice")
    ROTATION_NOTICE,
    @JsonProperty("code_rotated")
    CODE_ROTATED
  }
}
