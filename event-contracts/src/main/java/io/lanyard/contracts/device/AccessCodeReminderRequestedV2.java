package io.lanyard.contracts.device;

import io.lanyard.contracts.DeviceEvents;
import io.lanyard.contracts.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * The data of {@code io.lanyard.device.AccessCodeReminderRequested.v2}: someone at a device asked
 * for the access code of an address to be emailed to it. Published whether or not the address is a
 * user's (notification-service decides; the device is told nothing); rate-limited per address. The
 * address is sealed under the tenant's key ({@code TenantSeal}, ADR 7); a tenant made before tenant
 * keys has it in clear.
 *
 * <p>The public form of the event, as its JSON Schema describes it; the build keeps the two in
 * step.
 */
public record AccessCodeReminderRequestedV2(
    String tenantId, String address, UUID deviceId, Instant requestedAt) {

  public static final EventType TYPE = DeviceEvents.ACCESS_CODE_REMINDER_REQUESTED_V2;
}
