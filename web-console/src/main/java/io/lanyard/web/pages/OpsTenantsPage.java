package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.TenantsApi;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The operator's tenants ({@code /ops/tenants}): create one, suspend one. */
@Path("/ops/tenants")
@PageRole(PageRole.OPERATOR)
@Produces(MediaType.TEXT_HTML)
public class OpsTenantsPage {

  /** The create form as typed, the refusal by field, and what happened. */
  public record Form(String id, String name, Map<String, String> errors, Notice notice) {

    static Form notice(Notice notice) {
      return new Form("", "", Map.of(), notice);
    }

    public String error(String field) {
      return errors.get(field);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance tenants(List<TenantsApi.Tenant> tenants, Form form);

    static native TemplateInstance tenants$content(List<TenantsApi.Tenant> tenants, Form form);
  }

  @Inject @RestClient TenantsApi tenants;
  @Inject Pages pages;

  @GET
  public Response page() {
    return answer(Form.notice(null));
  }

  @POST
  public Response create(@FormParam("id") String id, @FormParam("name") String name) {
    String slug = id == null ? "" : id.strip();
    String named = name == null ? "" : name.strip();
    try {
      tenants.create(new TenantsApi.NewTenant(slug, named));
      return answer(Form.notice(Notice.ok(pages.messages().tenant_created(slug))));
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = "name".equals(problem.field()) ? "name" : "id";
      return answer(new Form(slug, named, Map.of(field, problem.said()), null));
    }
  }

  @POST
  @Path("/{id}/suspend")
  public Response suspend(@PathParam("id") String id) {
    Messages text = pages.messages();
    try {
      tenants.suspend(id);
      return answer(Form.notice(Notice.ok(text.tenant_suspended(id))));
    } catch (WebApplicationException refused) {
      return answer(Form.notice(Notice.problem(text.refused(ApiProblem.of(refused).said()))));
    }
  }

  private Response answer(Form form) {
    List<TenantsApi.Tenant> all;
    try {
      all = tenants.list().items();
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
    return pages.ok(
        pages.partial() ? Templates.tenants$content(all, form) : Templates.tenants(all, form));
  }
}
