package io.lanyard.notification.infra;

import io.lanyard.contracts.notification.NotificationFailedV1;
import io.lanyard.contracts.notification.NotificationSentV1;
import io.lanyard.contracts.notification.NotificationSettingsChangedV1;
import io.lanyard.eventstore.JsonEventCodec;
import io.lanyard.notification.domain.DeliveryEvent;
import io.lanyard.notification.domain.DeliveryEvent.NotificationFailed;
import io.lanyard.notification.domain.DeliveryEvent.NotificationSent;
import io.lanyard.notification.domain.MailKind;
import io.lanyard.notification.domain.SettingsChanged;

/**
 * Which notification domain record is which public event, field by field: the domain can change
 * shape while the published JSON stays what the schemas promise.
 */
public final class NotificationEventCodecs {

  public static final JsonEventCodec<SettingsChanged> SETTINGS =
      new JsonEventCodec<SettingsChanged>()
          .map(
              NotificationSettingsChangedV1.TYPE,
              SettingsChanged.class,
              NotificationSettingsChangedV1.class,
              domain ->
                  new NotificationSettingsChangedV1(
                      domain.tenantId(),
                      domain.senderName(),
                      domain.invitationsEnabled(),
                      domain.portalUrl(),
                      domain.subjects(),
                      domain.changedBy()),
              contract ->
                  new SettingsChanged(
                      contract.tenantId(),
                      contract.senderName(),
                      contract.invitationsEnabled(),
                      contract.portalUrl(),
                      contract.subjects(),
                      contract.changedBy()));

  public static final JsonEventCodec<DeliveryEvent> DELIVERIES =
      new JsonEventCodec<DeliveryEvent>()
          .map(
              NotificationSentV1.TYPE,
              NotificationSent.class,
              NotificationSentV1.class,
              domain ->
                  new NotificationSentV1(
                      domain.notificationId(),
                      domain.tenantId(),
                      domain.userId(),
                      sentKind(domain.kind()),
                      domain.attempts()),
              contract ->
                  new NotificationSent(
                      contract.notificationId(),
                      contract.tenantId(),
                      contract.userId(),
                      kind(contract.kind()),
                      contract.attempts()))
          .map(
              NotificationFailedV1.TYPE,
              NotificationFailed.class,
              NotificationFailedV1.class,
              domain ->
                  new NotificationFailedV1(
                      domain.notificationId(),
                      domain.tenantId(),
                      domain.userId(),
                      failedKind(domain.kind()),
                      domain.attempts(),
                      domain.reason()),
              contract ->
                  new NotificationFailed(
                      contract.notificationId(),
                      contract.tenantId(),
                      contract.userId(),
                      kind(contract.kind()),
                      contract.attempts(),
                      contract.reason()));

  private NotificationEventCodecs() {}

  // Each event has its own Kind enum; the switches are exhaustive, so a kind added on either side
  // fails the build here instead of being published under a wrong name.

  static NotificationSentV1.Kind sentKind(MailKind kind) {
    return switch (kind) {
      case INVITATION -> NotificationSentV1.Kind.INVITATION;
      case CODE_CHANGED -> NotificationSentV1.Kind.CODE_CHANGED;
      case CODE_REGENERATED -> NotificationSentV1.Kind.CODE_REGENERATED;
      case REMINDER -> NotificationSentV1.Kind.REMINDER;
    };
  }

  static NotificationFailedV1.Kind failedKind(MailKind kind) {
    return switch (kind) {
      case INVITATION -> NotificationFailedV1.Kind.INVITATION;
      case CODE_CHANGED -> NotificationFailedV1.Kind.CODE_CHANGED;
      case CODE_REGENERATED -> NotificationFailedV1.Kind.CODE_REGENERATED;
      case REMINDER -> NotificationFailedV1.Kind.REMINDER;
    };
  }

  static MailKind kind(NotificationSentV1.Kind kind) {
    return switch (kind) {
      case INVITATION -> MailKind.INVITATION;
      case CODE_CHANGED -> MailKind.CODE_CHANGED;
      case CODE_REGENERATED -> MailKind.CODE_REGENERATED;
      case REMINDER -> MailKind.REMINDER;
    };
  }

  static MailKind kind(NotificationFailedV1.Kind kind) {
    return switch (kind) {
      case INVITATION -> MailKind.INVITATION;
      case CODE_CHANGED -> MailKind.CODE_CHANGED;
      case CODE_REGENERATED -> MailKind.CODE_REGENERATED;
      case REMINDER -> MailKind.REMINDER;
    };
  }
}
