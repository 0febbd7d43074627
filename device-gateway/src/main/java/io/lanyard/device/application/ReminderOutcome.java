package io.lanyard.device.application;

/**
 * How a reminder request at a device ended: accepted (whether or not the address is a user's, and
 * whether or not the address's own limit drops it), or a {@link Refusal}.
 */
public sealed interface ReminderOutcome permits ReminderOutcome.Accepted, Refusal {

  record Accepted() implements ReminderOutcome {}
}
