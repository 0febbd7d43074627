package io.lanyard.identity.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.identity.UserCreatedV1;
import io.lanyard.contracts.identity.UserUpdatedV1;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the user events stored before personal data was sealed (ADR 7) as their v2: the clear
 * fields move into {@code personal} in its unsealed form ({@link PersonalKeys#unsealed}), which
 * opens without a key. Nothing is sealed here (an upcaster has no keys), and nothing upcast is
 * written back: the stored v1 events keep the person's data in clear until the topics and stores
 * are re-encrypted (docs/runbooks/erasure.md).
 */
public final class IdentityUpcasters {

  private static final String[] PERSONAL = {"username", "displayName", "email", "externalId"};

  private IdentityUpcasters() {}

  @ApplicationScoped
  public static class CreatedV1 implements Upcaster {

    @Override
    public EventType from() {
      return UserCreatedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return PersonalKeys.withFieldsUnsealed(data, PERSONAL);
    }
  }

  @ApplicationScoped
  public static class UpdatedV1 implements Upcaster {

    @Override
    public EventType from() {
      return UserUpdatedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return PersonalKeys.withFieldsUnsealed(data, PERSONAL);
    }
  }
}
