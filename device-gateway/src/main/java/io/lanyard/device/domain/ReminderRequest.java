package io.lanyard.device.domain;

/**
 * Someone at a device asked for the code of {@code email} to be sent to that address (stream: one
 * per tenant and address). {@code requestedAt} is an ISO-8601 instant.
 */
public record ReminderRequest(String tenantId, String email, String deviceId, String requestedAt) {}
