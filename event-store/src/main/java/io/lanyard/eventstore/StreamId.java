package io.lanyard.eventstore;

import java.util.Objects;

/**
 * Which stream an append goes to: its aggregate id (also the Kafka key), the kind of aggregate, and
 * the tenant it belongs to.
 */
public record StreamId(String type, String id, String tenantId) {

  public StreamId {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
  }
}
