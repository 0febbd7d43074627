package io.lanyard.device.infra;

import io.lanyard.contracts.DeviceEvents;
import io.lanyard.device.domain.DeviceEvent;
import io.lanyard.device.domain.ReminderRequest;
import io.lanyard.eventstore.JsonEventCodec;

/** Which device-gateway domain record is which public event type. */
public final class DeviceEventCodecs {

  public static final JsonEventCodec<DeviceEvent> DEVICES =
      new JsonEventCodec<DeviceEvent>()
          .map(DeviceEvents.DEVICE_REGISTERED, DeviceEvent.DeviceRegistered.class)
          .map(DeviceEvents.DEVICE_TOKEN_ROTATED, DeviceEvent.DeviceTokenRotated.class)
          .map(DeviceEvents.DEVICE_REVOKED, DeviceEvent.DeviceRevoked.class);

  public static final JsonEventCodec<ReminderRequest> REMINDERS =
      new JsonEventCodec<ReminderRequest>()
          .map(DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED, ReminderRequest.class);

  private DeviceEventCodecs() {}
}
