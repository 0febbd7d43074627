package io.lanyard.web.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.File;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's user imports: a CSV of users, run as a job. */
@RegisterRestClient(configKey = "identity-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/user-imports")
@Produces(MediaType.APPLICATION_JSON)
public interface UserImportsApi {

  /** The uploaded file as it is, from disk: the console never parses it or holds it whole. */
  @POST
  @Consumes("text/csv")
  Job upload(@QueryParam("mode") String mode, File csv);

  /** Newest first. */
  @GET
  ApiPage<Job> list(@QueryParam("page") int page, @QueryParam("size") int size);

  @GET
  @Path("/{id}")
  Job get(@PathParam("id") String id, @QueryParam("page") int page, @QueryParam("size") int size);

  @DELETE
  @Path("/{id}")
  Job cancel(@PathParam("id") String id);
}
