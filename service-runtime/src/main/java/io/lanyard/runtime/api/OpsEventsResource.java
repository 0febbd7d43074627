package io.lanyard.runtime.api;

import io.lanyard.eventstore.PgEventStore;
import io.lanyard.runtime.events.OutboxRelayRunner;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Operators, inside the cluster: {@code POST /ops/v1/events/republish} {@code {"fromPosition":N}}
 * sends the service's events from that position of its event store to its topic again (a lost or
 * truncated topic); consumers skip what they applied, so it changes nothing twice.
 */
@Path("/ops/v1/events")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class OpsEventsResource {

  /** The request: the first position of the event store to publish again (0: everything). */
  public record Republish(Long fromPosition) {}

  private final PgEventStore store;
  private final OutboxRelayRunner relay;

  OpsEventsResource(PgEventStore store, OutboxRelayRunner relay) {
    this.store = store;
    this.relay = relay;
  }

  @POST
  @Path("/republish")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> republish(Republish request) {
    if (request == null || request.fromPosition() == null || request.fromPosition() < 0) {
      throw ApiException.badRequest(
          "invalid_from_position", "fromPosition is a position of the event store, 0 or more");
    }
    // A republish follows a lost topic, often recreated: the relay starts over with a fresh
    // producer (on this replica; another one publishing gets there when its sends time out).
    return store
        .republishFrom(request.fromPosition())
        .invoke(relay::renewProducer)
        .map(queued -> Response.accepted(Map.of("queued", queued)).build());
  }
}
