package io.lanyard.contracts.notification;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.NotificationEvents;
import java.util.Map;

/**
 * The data of {@code io.lanyard.notification.NotificationSettingsChanged.v1}: a tenant's mail
 * settings changed (key: settings:&lt;tenant&gt;).
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record NotificationSettingsChangedV1(
    String tenantId,
    String senderName,
    boolean invitationsEnabled,
    String portalUrl,
    Map<String, String> subjects,
    String changedBy) {

  public static final EventType TYPE = NotificationEvents.NOTIFICATION_SETTINGS_CHANGED;
}
