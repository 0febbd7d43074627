package io.lanyard.runtime.api;

import io.lanyard.eventstore.PgEventStore;
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

  OpsEventsResource(PgEventStore store) {
    this.store = store;
  }

  @POST
  @Path("/republish")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> republish(Republish request) {
    if (request == null || request.fromPosition() == null || request.fromPosition() < 0) {
      throw ApiException.badRequest(
          "invalid_from_position", "fromPosition is a position of the event store, 0 or more");
    }
    return store
        .republishFrom(request.fromPosition())
        .map(queued -> Response.accepted(Map.of("queued", queued)).build());
  }
}
