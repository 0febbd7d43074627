package io.lanyard.directory.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
      return withPersonalUnsealed(data, "externalId", "name");
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
      return withPersonalUnsealed(data, "externalId", "profileFingerprint");
    }
  }

  /** {@code data} with {@code fields} (those present and not null) moved into {@code personal}. */
  static ObjectNode withPersonalUnsealed(ObjectNode data, String... fields) {
    ObjectNode personal = JsonNodeFactory.instance.objectNode();
    ObjectNode upcast = data.deepCopy();
    for (String field : fields) {
      JsonNode value = upcast.remove(field);
      if (value != null && !value.isNull()) {
        personal.set(field, value);
      }
    }
    upcast.put("personal", PersonalKeys.unsealed(personal));
    return upcast;
  }
}
