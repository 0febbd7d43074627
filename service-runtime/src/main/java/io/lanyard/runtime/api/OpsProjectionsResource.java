package io.lanyard.runtime.api;

import io.lanyard.eventstore.consumer.EventConsumer;
import io.lanyard.runtime.events.EventConsumers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operators, inside the cluster: the service's projections (its event consumers) as this replica
 * sees them: the topics they read, whether this replica is the one consuming, and how far behind
 * the topics' ends it is ({@code lag}, -1 before its first read or on a standby replica).
 */
@Path("/ops/v1/projections")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class OpsProjectionsResource {

  private final EventConsumers consumers;

  OpsProjectionsResource(EventConsumers consumers) {
    this.consumers = consumers;
  }

  @GET
  public Map<String, Object> list() {
    List<Map<String, Object>> projections =
        consumers.running().stream().map(OpsProjectionsResource::view).toList();
    return Map.of("items", projections);
  }

  private static Map<String, Object> view(EventConsumer consumer) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", consumer.settings().name());
    view.put("topics", consumer.settings().topics());
    view.put("active", consumer.isActive());
    view.put("lag", consumer.isActive() ? consumer.lag() : -1);
    return view;
  }
}
