package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.DevicesApi;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One printer ({@code /admin/devices/{id}}): its lock state and recent failures with "Unlock",
 * "Rotate token" (the new token shown this once) and "Revoke".
 */
@Path("/admin/devices/{id}")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminDevicePage {

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance device(
        DevicesApi.DeviceDetail device, String newToken, Notice notice);

    static native TemplateInstance device$detail(
        DevicesApi.DeviceDetail device, String newToken, Notice notice);
  }

  @Inject @RestClient DevicesApi devices;
  @Inject Pages pages;

  @GET
  public Response page(@PathParam("id") String id) {
    return answer(id, null, null);
  }

  @POST
  @Path("/unlock")
  public Response unlock(@PathParam("id") String id) {
    Messages text = pages.messages();
    try {
      devices.unlock(id);
      return answer(id, null, Notice.ok(text.device_unlocked()));
    } catch (WebApplicationException refused) {
      return answer(id, null, Notice.problem(text.refused(ApiProblem.of(refused).said())));
    }
  }

  @POST
  @Path("/token")
  public Response rotate(@PathParam("id") String id) {
    Messages text = pages.messages();
    try {
      String token = devices.rotateToken(id).token();
      return answer(id, token, Notice.ok(text.device_token_rotated()));
    } catch (WebApplicationException refused) {
      return answer(id, null, Notice.problem(text.refused(ApiProblem.of(refused).said())));
    }
  }

  /** Revoked: the device is gone from the list; htmx is told to go there. */
  @POST
  @Path("/revoke")
  public Response revoke(@PathParam("id") String id) {
    try {
      devices.revoke(id);
    } catch (WebApplicationException refused) {
      return answer(
          id, null, Notice.problem(pages.messages().refused(ApiProblem.of(refused).said())));
    }
    if (pages.partial()) {
      return Response.ok().header("HX-Redirect", "/admin/devices").build();
    }
    return Response.seeOther(URI.create("/admin/devices")).build();
  }

  private Response answer(String id, String newToken, Notice notice) {
    DevicesApi.DeviceDetail device;
    try {
      device = devices.get(id);
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
    TemplateInstance template =
        pages.partial()
            ? Templates.device$detail(device, newToken, notice)
            : Templates.device(device, newToken, notice);
    return pages.ok(template);
  }
}
