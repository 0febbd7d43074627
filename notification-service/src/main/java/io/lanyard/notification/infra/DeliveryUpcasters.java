package io.lanyard.notification.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lanyard.contracts.EventType;
import io.lanyard.contracts.notification.NotificationFailedV1;
import io.lanyard.contracts.notification.NotificationSentV1;
import io.lanyard.eventstore.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the delivery events the service stored as {@code .v1} as {@code .v2}. The two versions
 * differ only in {@code kind}, and every v1 kind is a v2 kind with the same meaning, so the data
 * stays as it is. What v1 could not say is not recovered: a rotated code's email published as
 * {@code code_changed} before v2 stays {@code code_changed} (the delivery log has the exact kind).
 */
public final class DeliveryUpcasters {

  private DeliveryUpcasters() {}

  @ApplicationScoped
  public static class SentV1 implements Upcaster {

    @Override
    public EventType from() {
      return NotificationSentV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return data;
    }
  }

  @ApplicationScoped
  public static class FailedV1 implements Upcaster {

    @Override
    public EventType from() {
      return NotificationFailedV1.TYPE;
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
      return data;
    }
  }
}
