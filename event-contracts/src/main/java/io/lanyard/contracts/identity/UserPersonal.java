package io.lanyard.contracts.identity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a user event's {@code personal} opens to (ADR 7): the fields that identify the person,
 * sealed under their data key as this object's JSON. Not an event: it only ever travels sealed.
 *
 * <p>{@link #ERASED} stands for a person whose key is gone: everything unknown.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserPersonal(
    String username,
    String displayName,
    String email,
    @JsonInclude(JsonInclude.Include.NON_NULL) String externalId) {

  public static final UserPersonal ERASED = new UserPersonal(null, null, null, null);

  @Override
  public String toString() {
    return "UserPersonal[…]";
  }
}
