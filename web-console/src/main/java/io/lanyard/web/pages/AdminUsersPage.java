package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.UsersApi;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.lanyard.web.web.TextExtensions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The tenant's users, searched and paged ({@code /admin/users}); each row opens the user. */
@Path("/admin/users")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminUsersPage {

  static final int PAGE_SIZE = 25;
  static final List<String> STATUSES = List.of("active", "suspended");
  static final List<String> ORIGINS = List.of("manual", "google", "scim");

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance users(
        Search search, ApiPage<UsersApi.User> found, String problem);

    static native TemplateInstance users$results(
        Search search, ApiPage<UsersApi.User> found, String problem);
  }

  @Inject @RestClient UsersApi users;
  @Inject Pages pages;

  /** What the admin searched for; empty means any. */
  public record Search(String q, String status, String origin) {

    /** The search as a query string, for the paging links. */
    public String query() {
      return "q="
          + TextExtensions.urlEncoded(q)
          + "&status="
          + TextExtensions.urlEncoded(status)
          + "&origin="
          + TextExtensions.urlEncoded(origin);
    }
  }

  @GET
  public String list(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("origin") String origin,
      @QueryParam("page") String page) {
    String query = q == null ? "" : q.strip();
    Search search = new Search(query, oneOf(status, STATUSES), oneOf(origin, ORIGINS));
    ApiPage<UsersApi.User> found = null;
    String problem = null;
    try {
      found =
          users.list(
              query.isEmpty() ? null : query,
              search.status().isEmpty() ? null : search.status(),
              search.origin().isEmpty() ? null : search.origin(),
              pageNumber(page),
              PAGE_SIZE);
    } catch (WebApplicationException refused) {
      ApiProblem said = ApiProblem.of(refused);
      problem = pages.messages().refused(said.said());
    }
    TemplateInstance template =
        pages.partial()
            ? Templates.users$results(search, found, problem)
            : Templates.users(search, found, problem);
    return pages.render(template).render();
  }

  /** A filter the page offers, or empty (any); whatever else arrived in the URL is ignored. */
  private static String oneOf(String value, List<String> offered) {
    return value != null && offered.contains(value) ? value : "";
  }

  private static int pageNumber(String page) {
    return page != null && page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
  }
}
