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
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's bulk jobs: new codes for many users at once. */
@RegisterRestClient(configKey = "credential-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/credential-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CredentialJobsApi {

  /** Newest first. */
  @GET
  ApiPage<Job> list(@QueryParam("page") int page, @QueryParam("size") int size);

  /** The job with a page of its results. */
  @GET
  @Path("/{id}")
  Job get(@PathParam("id") String id, @QueryParam("page") int page, @QueryParam("size") int size);

  /**
   * {@code {"kind":"regenerate_codes","notify":…}} and one selection ({@code all}, {@code orgUnit}
   * or {@code filter}).
   */
  @POST
  Job start(Map<String, Object> job);

  @DELETE
  @Path("/{id}")
  Job cancel(@PathParam("id") String id);
}
