package io.lanyard.device.domain;

/**
 * Someone at a device asked for the code of an address to be sent to it (stream: one per tenant and
 * address). {@code address}: as events carry it, sealed under the tenant's key (ADR 7), or in clear
 * for a tenant made before tenant keys. {@code requestedAt} is an ISO-8601 instant.
 */
public record ReminderRequest(
    String tenantId, String address, String deviceId, String requestedAt) {}
