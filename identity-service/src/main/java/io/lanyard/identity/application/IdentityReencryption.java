package io.lanyard.identity.application;

import io.lanyard.contracts.EventType;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.Reencryption;
import io.lanyard.runtime.events.ReencryptionPlan;
import io.lanyard.secrets.DataKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * identity-service's history before sealing (ADR 7): {@code UserCreated.v1} and {@code
 * UserUpdated.v1} held the person in clear; rewritten as v2 under each user's data key (made for a
 * user who had none yet), an erased user's under none.
 */
@ApplicationScoped
public class IdentityReencryption implements ReencryptionPlan {

  private final DataKeys dataKeys;

  IdentityReencryption(DataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  @Override
  public Set<EventType> oldTypes() {
    return Set.of(UserCreatedV1.TYPE, UserUpdatedV1.TYPE);
  }

  @Override
  public Reencryption.Sealer sealer() {
    return Reencryption.personal(
        (tenantId, userIds) ->
            dataKeys
                .of(tenantId, userIds.stream().map(UUID::fromString).toList())
                .map(
                    answer -> {
                      Map<String, DataKey> keys = new HashMap<>();
                      answer.keys().forEach((user, key) -> keys.put(user.toString(), key));
                      return PersonalKeys.of(keys);
                    }));
  }
}
