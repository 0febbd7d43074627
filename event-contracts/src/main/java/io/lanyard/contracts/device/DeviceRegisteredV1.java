package io.lanyard.contracts.device;

import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.device.DeviceRegistered.v1}: an admin registered a device (MFD);
 * its token works from now on.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DeviceRegisteredV1(
    UUID deviceId,
    String tenantId,
    String name,
    String location,
    String tokenHash,
    String registeredBy) {

  public static final EventType TYPE = DeviceEvents.DEVICE_REGISTERED;
}
