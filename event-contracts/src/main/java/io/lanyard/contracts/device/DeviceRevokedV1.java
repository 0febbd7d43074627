package io.lanyard.contracts.device;

import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.device.DeviceRevoked.v1}: the device was removed; its token stops
 * working.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record DeviceRevokedV1(UUID deviceId, String tenantId, String revokedBy) {

  public static final EventType TYPE = DeviceEvents.DEVICE_REVOKED;
}
