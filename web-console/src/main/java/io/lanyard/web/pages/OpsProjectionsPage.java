package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.ProjectionsApi;
import io.lanyard.web.client.ServiceProjections;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Each service's projections ({@code /ops/projections}): position, lag, checksum; "Rebuild" starts
 * a rebuild beside the live model, and the page follows its progress until it is done.
 */
@Path("/ops/projections")
@PageRole(PageRole.OPERATOR)
@Produces(MediaType.TEXT_HTML)
public class OpsProjectionsPage {

  /** One service's projections, or why they could not be read (a service down is one row). */
  public record ServiceView(
      String service, List<ProjectionsApi.Projection> projections, String problem) {

    public boolean rebuilding() {
      return projections.stream().anyMatch(p -> p.rebuild() != null && p.rebuild().running());
    }
  }

  /** All services, and whether the page should come back for news (a rebuild is running). */
  public record View(List<ServiceView> services, Notice notice) {

    public boolean following() {
      return services.stream().anyMatch(ServiceView::rebuilding);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance projections(View view);

    static native TemplateInstance projections$content(View view);
  }

  @Inject ServiceProjections clients;
  @Inject Pages pages;

  @GET
  public Response page() {
    return answer(null);
  }

  @POST
  @Path("/{service}/{name}/rebuild")
  public Response rebuild(@PathParam("service") String service, @PathParam("name") String name) {
    if (!ServiceProjections.SERVICES.contains(service)) {
      return pages.problem(
          404, pages.messages().not_found_title(), pages.messages().not_found_text());
    }
    Notice notice;
    try {
      clients.of(service).rebuild(name);
      notice = Notice.ok(pages.messages().rebuild_started(name, service));
    } catch (WebApplicationException refused) {
      notice = Notice.problem(pages.messages().refused(ApiProblem.of(refused).said()));
    }
    return answer(notice);
  }

  private Response answer(Notice notice) {
    List<ServiceView> services = new ArrayList<>();
    for (String service : ServiceProjections.SERVICES) {
      try {
        services.add(new ServiceView(service, clients.of(service).list().items(), null));
      } catch (WebApplicationException refused) {
        services.add(new ServiceView(service, List.of(), ApiProblem.of(refused).said()));
      } catch (ProcessingException unanswered) {
        services.add(new ServiceView(service, List.of(), pages.messages().unavailable_text()));
      }
    }
    View view = new View(services, notice);
    return pages.ok(
        pages.partial() ? Templates.projections$content(view) : Templates.projections(view));
  }
}
