package io.lanyard.notification.domain;

import java.util.UUID;

/** What became of one email (stream: the email's id). No content, no code. */
public sealed interface DeliveryEvent {

  record NotificationSent(
      UUID notificationId, String tenantId, UUID userId, MailKind kind, int attempts)
      implements DeliveryEvent {}

  record NotificationFailed(
      UUID notificationId, String tenantId, UUID userId, MailKind kind, int attempts, String reason)
      implements DeliveryEvent {}
}
