package io.lanyard.device.application;

import io.lanyard.device.model.UserEntry;

/** Who logged in at a device: {@code {"userId","username","displayName"}}. */
public record LoginAnswer(String userId, String username, String displayName) {

  static LoginAnswer of(UserEntry user) {
    return new LoginAnswer(user.id(), user.username(), user.displayName());
  }
}
