package io.lanyard.device.model;

import io.lanyard.device.domain.GuestWindow;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows of the users who are guests. Guests are few among a tenant's users, so their windows
 * live beside the users rather than in a field every {@link UserEntry} would pay for (ADR 4: a
 * million users in ~240 MiB). A deleted guest's window goes with them.
 */
final class GuestWindows {

  private final ConcurrentHashMap<Key128, GuestWindow> windows = new ConcurrentHashMap<>();

  /** The user's window, or {@code null} for a person. */
  GuestWindow of(UserEntry user) {
    return user.guest ? windows.get(user) : null;
  }

  /** Under the user's lock: the window first, then the flag readers look at. */
  void set(UserEntry user, GuestWindow window) {
    windows.put(user, window);
    user.guest = true;
  }

  void remove(UserEntry user) {
    if (user.guest) {
      user.guest = false;
      windows.remove(user);
    }
  }

  int size() {
    return windows.size();
  }
}
