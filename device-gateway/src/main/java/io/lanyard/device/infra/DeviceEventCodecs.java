package io.lanyard.device.infra;

import io.lanyard.contracts.device.AccessCodeReminderRequestedV2;
import io.lanyard.contracts.device.DeviceRegisteredV1;
import io.lanyard.contracts.device.DeviceRevokedV1;
import io.lanyard.contracts.device.DeviceTokenRotatedV1;
import io.lanyard.device.domain.DeviceEvent;
import io.lanyard.device.domain.ReminderRequest;
import io.lanyard.eventstore.JsonEventCodec;
import java.time.Instant;
import java.util.UUID;

/**
 * Which device-gateway domain record is which public event, and how one becomes the other: ids are
 * text in the domain and UUIDs in the contract, a reminder's time an ISO-8601 text and an {@link
 * Instant}. Both write the same JSON, so stored events read as before.
 */
public final class DeviceEventCodecs {

  public static final JsonEventCodec<DeviceEvent> DEVICES =
      new JsonEventCodec<DeviceEvent>()
          .map(
              DeviceRegisteredV1.TYPE,
              DeviceEvent.DeviceRegistered.class,
              DeviceRegisteredV1.class,
              e ->
                  new DeviceRegisteredV1(
                      UUID.fromString(e.deviceId()),
                      e.tenantId(),
                      e.name(),
                      e.location(),
                      e.tokenHash(),
                      e.registeredBy()),
              c ->
                  new DeviceEvent.DeviceRegistered(
                      c.deviceId().toString(),
                      c.tenantId(),
                      c.name(),
                      c.location(),
                      c.tokenHash(),
                      c.registeredBy()))
          .map(
              DeviceTokenRotatedV1.TYPE,
              DeviceEvent.DeviceTokenRotated.class,
              DeviceTokenRotatedV1.class,
              e ->
                  new DeviceTokenRotatedV1(
                      UUID.fromString(e.deviceId()), e.tenantId(), e.tokenHash(), e.rotatedBy()),
              c ->
                  new DeviceEvent.DeviceTokenRotated(
                      c.deviceId().toString(), c.tenantId(), c.tokenHash(), c.rotatedBy()))
          .map(
              DeviceRevokedV1.TYPE,
              DeviceEvent.DeviceRevoked.class,
              DeviceRevokedV1.class,
              e -> new DeviceRevokedV1(UUID.fromString(e.deviceId()), e.tenantId(), e.revokedBy()),
              c ->
                  new DeviceEvent.DeviceRevoked(
                      c.deviceId().toString(), c.tenantId(), c.revokedBy()));

  public static final JsonEventCodec<ReminderRequest> REMINDERS =
      new JsonEventCodec<ReminderRequest>()
          .map(
              AccessCodeReminderRequestedV2.TYPE,
              ReminderRequest.class,
              AccessCodeReminderRequestedV2.class,
              r ->
                  new AccessCodeReminderRequestedV2(
                      r.tenantId(),
                      r.address(),
                      UUID.fromString(r.deviceId()),
                      Instant.parse(r.requestedAt())),
              c ->
                  new ReminderRequest(
                      c.tenantId(),
                      c.address(),
                      c.deviceId().toString(),
                      c.requestedAt().toString()));

  private DeviceEventCodecs() {}
}
