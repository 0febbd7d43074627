package io.lanyard.notification.infra;

import io.lanyard.contracts.notification.NotificationFailedV2;
import io.lanyard.contracts.notification.NotificationSentV2;
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

  /**
   * Writes {@code .v2} only. The service's stored {@code .v1} events are read as {@code .v2}
   * ({@link DeliveryUpcasters}), so the codec needs no {@code .v1} mapping.
   */
  public static final JsonEventCodec<DeliveryEvent> DELIVERIES =
      new JsonEventCodec<DeliveryEvent>()
          .map(
              NotificationSentV2.TYPE,
              NotificationSent.class,
              NotificationSentV2.class,
              domain ->
                  new NotificationSentV2(
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
              NotificationFailedV2.TYPE,
              NotificationFailed.class,
              NotificationFailedV2.class,
              domain ->
                  new NotificationFailedV2(
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

  static NotificationSentV2.Kind sentKind(MailKind kind) {
    return switch (kind) {
      case INVITATION -> NotificationSentV2.Kind.INVITATION;
      case CODE_CHANGED -> NotificationSentV2.Kind.CODE_CHANGED;
      case CODE_REGENERATED -> NotificationSentV2.Kind.CODE_REGENERATED;
      case REMINDER -> NotificationSentV2.Kind.REMINDER;
      case ROTATION_NOTICE -> NotificationSentV2.Kind.ROTATION_NOTICE;
      case CODE_ROTATED -> NotificationSentV2.Kind.CODE_ROTATED;
    };
  }

  static NotificationFailedV2.Kind failedKind(MailKind kind) {
    return switch (kind) {
      case INVITATION -> NotificationFailedV2.Kind.INVITATION;
      case CODE_CHANGED -> NotificationFailedV2.Kind.CODE_CHANGED;
      case CODE_REGENERATED -> NotificationFailedV2.Kind.CODE_REGENERATED;
      case REMINDER -> NotificationFailedV2.Kind.REMINDER;
      case ROTATION_NOTICE -> NotificationFailedV2.Kind.ROTATION_NOTICE;
      case CODE_ROTATED -> NotificationFailedV2.Kind.CODE_ROTATED;
    };
  }

  static MailKind kind(NotificationSentV2.Kind kind) {
    return switch (kind) {
      case INVITATION -> MailKind.INVITATION;
      case CODE_CHANGED -> MailKind.CODE_CHANGED;
      case CODE_REGENERATED -> MailKind.CODE_REGENERATED;
      case REMINDER -> MailKind.REMINDER;
      case ROTATION_NOTICE -> MailKind.ROTATION_NOTICE;
      case CODE_ROTATED -> MailKind.CODE_ROTATED;
    };
  }

  static MailKind kind(NotificationFailedV2.Kind kind) {
    return switch (kind) {
      case INVITATION -> MailKind.INVITATION;
      case CODE_CHANGED -> MailKind.CODE_CHANGED;
      case CODE_REGENERATED -> MailKind.CODE_REGENERATED;
      case REMINDER -> MailKind.REMINDER;
      case ROTATION_NOTICE -> MailKind.ROTATION_NOTICE;
      case CODE_ROTATED -> MailKind.CODE_ROTATED;
    };
  }
}
