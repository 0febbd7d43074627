package io.lanyard.runtime.api;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a service token may issue an internal command: it must be meant for this service (its
 * audience) and come from one of the command's named callers (its client id).
 */
public record CallerCheck(String thisService) {

  public Optional<ApiException> refusal(
      Set<String> audience, String clientId, Set<String> allowed) {
    if (audience == null || !audience.contains(thisService)) {
      return Optional.of(
          ApiException.unauthorized(
              "invalid_audience", "the token is not meant for " + thisService));
    }
    if (clientId == null || !allowed.contains(clientId)) {
      return Optional.of(
          ApiException.forbidden(
              "forbidden_caller",
              allowed.isEmpty()
                  ? "this command names no service that may call it"
                  : "this command accepts only " + String.join(", ", new TreeSet<>(allowed))));
    }
    return Optional.empty();
  }
}
