package io.lanyard.contracts.device;

import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.device.DeviceTokenRotated.v1}: the device has a new token; the
 * previous one stops working.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DeviceTokenRotatedV1(
    UUID deviceId, String tenantId, String tokenHash, String rotatedBy) {

  public static final EventType TYPE = DeviceEvents.DEVICE_TOKEN_ROTATED;
}
