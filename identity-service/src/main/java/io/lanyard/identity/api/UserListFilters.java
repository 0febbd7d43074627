package io.lanyard.identity.api;

import io.lanyard.identity.domain.Origin;
import io.lanyard.identity.domain.UserKind;
import io.lanyard.identity.domain.UserStatus;
import io.lanyard.runtime.api.ApiException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code status}, {@code origin} and {@code kind} filters of the admin user list, read from the
 * query text here (as {@code Page} reads page and size): JAX-RS's own conversion to an enum answers
 * an unknown value with a 404, which tells a client nothing. Absent or empty means "any".
 */
final class UserListFilters {

  /**
   * The statuses a listed user can have: a deleted user leaves the read model (and answers 404), so
   * there is nothing to filter for as "deleted".
   */
  static final List<UserStatus> STATUSES = List.of(UserStatus.ACTIVE, UserStatus.SUSPENDED);

  static final List<Origin> ORIGINS = Arrays.asList(Origin.values());

  static final List<UserKind> KINDS = Arrays.asList(UserKind.values());

  private UserListFilters() {}

  static UserStatus status(String text) {
    return absent(text) ? null : oneOf("status", text, STATUSES, UserStatus::wire);
  }

  static Origin origin(String text) {
    return absent(text) ? null : oneOf("origin", text, ORIGINS, Origin::wire);
  }

  static UserKind kind(String text) {
    return absent(text) ? null : oneOf("kind", text, KINDS, UserKind::wire);
  }

  private static boolean absent(String text) {
    return text == null || text.isEmpty();
  }

  private static <T> T oneOf(
      String parameter, String text, List<T> known, java.util.function.Function<T, String> wire) {
    for (T value : known) {
      if (wire.apply(value).equals(text)) {
        return value;
      }
    }
    // The value itself is not repeated: it is whatever the client sent.
    throw ApiException.badRequest(
        "invalid_parameter",
        parameter
            + " must be one of "
            + String.join(", ", known.stream().map(wire).toList())
            + " (or absent for any)");
  }
}
