package io.lanyard.web.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

/**
 * Every service's operator API for its projections (the same on each: service-runtime's); one
 * client per service, built by {@link ServiceProjections}.
 */
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/ops/v1/projections")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectionsApi {

  record Rebuild(
      String projection,
      String state,
      long eventsRead,
      long eventsTotal,
      long eventsPerSecond,
      long secondsLeft,
      String liveChecksum,
      String rebuiltChecksum,
      String error) {

    public boolean running() {
      return !"DONE".equals(state) && !"FAILED".equals(state);
    }

    /** How far, in whole percent. */
    public long percent() {
      return eventsTotal <= 0 ? 0 : Math.min(100, eventsRead * 100 / eventsTotal);
    }

    /** A finished rebuild's checksum agrees with the live model's. */
    public boolean agrees() {
      return rebuiltChecksum != null && rebuiltChecksum.equals(liveChecksum);
    }
  }

  record Projection(
      String name,
      List<String> topics,
      boolean active,
      Map<String, Long> position,
      long lag,
      String checksum,
      Rebuild rebuild) {

    /** The events applied, over all partitions. */
    public long applied() {
      return position == null ? 0 : position.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  record Projections(List<Projection> items) {}

  @GET
  Projections list();

  @POST
  @Path("/{name}/rebuild")
  Rebuild rebuild(@PathParam("name") String name);
}
