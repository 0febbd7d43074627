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
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** device-gateway's admin API: the tenant's printers (MFDs), their tokens and lockouts. */
@RegisterRestClient(configKey = "device-gateway")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DevicesApi {

  record Device(
      String id, String name, String location, String registeredAt, String tokenRotatedAt) {}

  record Lock(
      boolean locked,
      String lockedUntil,
      String lockReason,
      int locksInARow,
      int failuresInWindow,
      int failuresInLastHour) {}

  record Failure(String at, String kind) {}

  record DeviceDetail(
      String id,
      String name,
      String location,
      String registeredAt,
      String tokenRotatedAt,
      Lock lock,
      List<Failure> recentFailures) {}

  record NewDevice(String name, String location) {}

  /** A new device's id and token: the token is shown this once. */
  record Registered(String id, String token) {}

  record Token(String token) {}

  @GET
  ApiPage<Device> list(@QueryParam("page") int page, @QueryParam("size") int size);

  @POST
  Registered register(NewDevice device);

  @GET
  @Path("/{id}")
  DeviceDetail get(@PathParam("id") String id);

  @POST
  @Path("/{id}/unlock")
  DeviceDetail unlock(@PathParam("id") String id);

  @POST
  @Path("/{id}/token")
  Token rotateToken(@PathParam("id") String id);

  @DELETE
  @Path("/{id}")
  void revoke(@PathParam("id") String id);
}
