package io.lanyard.notification.domain;

/** What became of one email (stream: the email's id). No content, no code. */
public sealed interface DeliveryEvent {

  record NotificationSent(
      String notificationId, String tenantId, String userId, String kind, int attempts)
      implements DeliveryEvent {}

  record NotificationFailed(
      String notificationId,
      String tenantId,
      String userId,
      String kind,
      int attempts,
      String reason)
      implements DeliveryEvent {}
}
