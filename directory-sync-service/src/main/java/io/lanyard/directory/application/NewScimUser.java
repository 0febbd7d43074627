package io.lanyard.directory.application;

import io.lanyard.directory.client.IdentityServiceClient.Profile;
import java.util.Locale;
import java.util.Set;

/**
 * A SCIM create as checked: the request, the profile identity-service is to keep, and the key the
 * user is linked by (the externalId given, else the userName).
 */
record NewScimUser(ScimUserPayload payload, Profile profile, String externalId) {

  /** What two creates done together may not share. */
  Set<String> keys() {
    return Set.of(
        "userName:" + profile.username().toLowerCase(Locale.ROOT),
        "externalId:" + externalId,
        "email:" + profile.email());
  }

  boolean externalIdGiven() {
    return payload.externalId != null;
  }

  /** The directory's code (null: one is generated). */
  String code() {
    return payload.accessCode.given() ? payload.accessCode.value() : null;
  }

  /** The directory's card (null: none). */
  String card() {
    return payload.accessCard.given() ? payload.accessCard.value() : null;
  }
}
