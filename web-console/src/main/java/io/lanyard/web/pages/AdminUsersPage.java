package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.UsersApi;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The tenant's users, searched and paged ({@code /admin/users}); each row opens the user. */
@Path("/admin/users")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminUsersPage {

  static final int PAGE_SIZE = 25;

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance users(String q, ApiPage<UsersApi.User> found, String problem);

    static native TemplateInstance users$results(
        String q, ApiPage<UsersApi.User> found, String problem);
  }

  @Inject @RestClient UsersApi users;
  @Inject Pages pages;

  @GET
  public String list(@QueryParam("q") String q, @QueryParam("page") String page) {
    String query = q == null ? "" : q.strip();
    ApiPage<UsersApi.User> found = null;
    String problem = null;
    try {
      found = users.list(query.isEmpty() ? null : query, pageNumber(page), PAGE_SIZE);
    } catch (WebApplicationException refused) {
      ApiProblem said = ApiProblem.of(refused);
      problem = pages.messages().refused(said.said());
    }
    TemplateInstance template =
        pages.partial()
            ? Templates.users$results(query, found, problem)
            : Templates.users(query, found, problem);
    return pages.render(template).render();
  }

  private static int pageNumber(String page) {
    return page != null && page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
  }
}
