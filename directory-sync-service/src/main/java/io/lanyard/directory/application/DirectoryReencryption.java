package io.lanyard.directory.application;

import io.lanyard.contracts.DirectoryEvents;
import io.lanyard.contracts.EventType;
import io.lanyard.eventstore.Reencryption;
import io.lanyard.runtime.events.ReencryptionPlan;
import io.lanyard.runtime.personal.DataKeyCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * directory-sync's history before sealing (ADR 7): {@code DirectoryUserLinked.v1} (the directory's
 * id of the person, the SCIM name) and {@code DirectoryUserSynced.v1} (the Google id, the profile's
 * fingerprint); rewritten as v2 under the user's data key from identity, an erased user's under
 * none.
 */
@ApplicationScoped
public class DirectoryReencryption implements ReencryptionPlan {

  private final DataKeyCache keys;

  DirectoryReencryption(DataKeyCache keys) {
    this.keys = keys;
  }

  @Override
  public Set<EventType> oldTypes() {
    return Set.of(DirectoryEvents.DIRECTORY_USER_LINKED, DirectoryEvents.DIRECTORY_USER_SYNCED);
  }

  @Override
  public Reencryption.Sealer sealer() {
    return Reencryption.personal(keys::keysOf);
  }
}
