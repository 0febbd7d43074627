package io.lanyard.directory.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.directory.DirectoryUserLinkedV1;
import io.lanyard.contracts.directory.DirectoryUserSyncedV1;
import io.lanyard.eventstore.PersonalKeys;
import io.lanyard.eventstore.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the link events stored before the directory's data of a person was sealed (ADR 7) as their
 * v2: the clear fields move into {@code personal} in its unsealed form ({@link
 * PersonalKeys#unsealed}), which opens without a key. Nothing is sealed here (an upcaster has no
 * keys) and nothing upcast is written back (docs/runbooks/erasure.md).
 */
public final class DirectoryUpcasters {

  private DirectoryUpcasters() {}

  @ApplicationScoped
  public static class LinkedV1 implements Upcaster {

    @Override
    public EventType from() {
      return DirectoryUserLinkedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return PersonalKeys.withFieldsUnsealed(data, "externalId", "name");
    }
  }

  @ApplicationScoped
  public static class SyncedV1 implements Upcaster {

    @Override
    public EventType from() {
      return DirectoryUserSyncedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return PersonalKeys.withFieldsUnsealed(data, "externalId", "profileFingerprint");
    }
  }
}
