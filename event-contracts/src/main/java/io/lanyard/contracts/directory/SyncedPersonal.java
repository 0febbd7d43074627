package io.lanyard.contracts.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a {@code DirectoryUserSynced.v2}'s {@code personal} opens to (ADR 7): the user's Google id
 * and the fingerprint of their email, name and org unit, which (unkeyed) would confirm a guess of
 * who they were. Not an event: it only ever travels sealed under the user's data key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncedPersonal(String externalId, String profileFingerprint) {

  @Override
  public String toString() {
    return "SyncedPersonal[…]";
  }
}
