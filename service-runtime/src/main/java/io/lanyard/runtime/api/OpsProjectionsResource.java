package io.lanyard.runtime.api;

import io.lanyard.eventstore.consumer.Projection;
import io.lanyard.eventstore.consumer.RebuildProgress;
import io.lanyard.runtime.events.Projections;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operators, inside the cluster: the service's projections as this replica sees them (topics,
 * whether this replica keeps the model, position, lag, checksum of the content), and their
 * rebuilds: {@code POST .../{name}/rebuild} starts one beside the live model, {@code GET} shows its
 * progress. A projection is named in full ({@code <service>.<name>}) or by its own name.
 */
@Path("/ops/v1/projections")
@RolesAllowed("lanyard-operator")
@Produces(MediaType.APPLICATION_JSON)
public class OpsProjectionsResource {

  private final Projections projections;

  OpsProjectionsResource(Projections projections) {
    this.projections = projections;
  }

  @GET
  public Map<String, Object> list() {
    List<Map<String, Object>> items =
        projections.all().stream().map(OpsProjectionsResource::view).toList();
    return Map.of("items", items);
  }

  @GET
  @Path("/{name}")
  public Map<String, Object> one(@PathParam("name") String name) {
    return view(named(name));
  }

  @POST
  @Path("/{name}/rebuild")
  public Response rebuild(@PathParam("name") String name) {
    Projection projection = named(name);
    try {
      return Response.accepted(projection.rebuild().status()).build();
    } catch (IllegalStateException e) {
      throw ApiException.conflict("rebuild_refused", e.getMessage());
    }
  }

  @GET
  @Path("/{name}/rebuild")
  public RebuildProgress.Status rebuildStatus(@PathParam("name") String name) {
    return named(name)
        .lastRebuild()
        .map(RebuildProgress::status)
        .orElseThrow(() -> ApiException.notFound("rebuild of " + name));
  }

  private Projection named(String name) {
    return projections.named(name).orElseThrow(() -> ApiException.notFound("projection " + name));
  }

  private static Map<String, Object> view(Projection projection) {
    boolean active = projection.active();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", projection.name());
    view.put("topics", projection.topics());
    view.put("active", active);
    view.put("position", projection.position());
    view.put("lag", active ? projection.lag() : -1);
    view.put("checksum", projection.checksum());
    view.put("rebuild", projection.lastRebuild().map(RebuildProgress::status).orElse(null));
    return view;
  }
}
