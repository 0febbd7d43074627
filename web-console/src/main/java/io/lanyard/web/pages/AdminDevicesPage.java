package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.DevicesApi;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The tenant's printers ({@code /admin/devices}) and registering one: its token is shown this once,
 * with a copy button, on a page no browser keeps.
 */
@Path("/admin/devices")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminDevicesPage {

  static final int PAGE_SIZE = 50;

  /** The register form: what was typed, the service's refusal by field, a new device's token. */
  public record Registration(
      String name, String location, Map<String, String> errors, DevicesApi.Registered registered) {

    static Registration empty() {
      return new Registration("", "", Map.of(), null);
    }

    public String error(String field) {
      return errors.get(field);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance devices(ApiPage<DevicesApi.Device> found, Registration form);

    static native TemplateInstance devices$content(
        ApiPage<DevicesApi.Device> found, Registration form);
  }

  @Inject @RestClient DevicesApi devices;
  @Inject Pages pages;

  @GET
  public Response list(@QueryParam("page") String page) {
    return answer(page, Registration.empty());
  }

  @POST
  public Response register(@FormParam("name") String name, @FormParam("location") String location) {
    String named = name == null ? "" : name.strip();
    String where = location == null || location.isBlank() ? null : location.strip();
    try {
      DevicesApi.Registered registered = devices.register(new DevicesApi.NewDevice(named, where));
      return answer(null, new Registration("", "", Map.of(), registered));
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = "location".equals(problem.field()) ? "location" : "name";
      String message = problem.said();
      return answer(
          null, new Registration(named, where == null ? "" : where, Map.of(field, message), null));
    }
  }

  private Response answer(String page, Registration form) {
    int number = page != null && page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
    ApiPage<DevicesApi.Device> found = devices.list(number, PAGE_SIZE);
    TemplateInstance template =
        pages.partial() ? Templates.devices$content(found, form) : Templates.devices(found, form);
    return pages.ok(template);
  }
}
