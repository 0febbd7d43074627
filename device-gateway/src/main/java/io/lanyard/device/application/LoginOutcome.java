package io.lanyard.device.application;

/** How a login at a device ended: someone logged in, or a {@link Refusal}. */
public sealed interface LoginOutcome permits LoginOutcome.LoggedIn, Refusal {

  record LoggedIn(LoginAnswer answer) implements LoginOutcome {}
}
