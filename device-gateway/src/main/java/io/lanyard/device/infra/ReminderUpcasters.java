package io.lanyard.device.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.device.AccessCodeReminderRequestedV1;
import io.lanyard.eventstore.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the reminder requests stored before the typed address was sealed (ADR 7) as their v2: the
 * address as it was, in clear (an upcaster has no keys; the stored v1 events keep it so until the
 * stores are re-encrypted, docs/runbooks/erasure.md).
 */
public final class ReminderUpcasters {

  private ReminderUpcasters() {}

  @ApplicationScoped
  public static class RequestedV1 implements Upcaster {

    @Override
    public EventType from() {
      return AccessCodeReminderRequestedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      ObjectNode v2 = data.deepCopy();
      v2.set("address", v2.remove("email"));
      return v2;
    }
  }
}
