package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.UsersApi;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.lanyard.web.web.TextExtensions;
import io.lanyard.web.web.UtcTimes;
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
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The tenant's users, searched, filtered and paged ({@code /admin/users}); each row opens the user.
 * "Add guest" creates a guest with the window their code and cards work in.
 */
@Path("/admin/users")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminUsersPage {

  static final int PAGE_SIZE = 25;
  static final List<String> STATUSES = List.of("active", "suspended");
  static final List<String> ORIGINS = List.of("manual", "google", "scim");
  static final List<String> KINDS = List.of("person", "guest");

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance users(
        Search search, ApiPage<UsersApi.User> found, String problem, GuestForm guest);

    static native TemplateInstance users$results(
        Search search, ApiPage<UsersApi.User> found, String problem);

    static native TemplateInstance users$guest(GuestForm guest);
  }

  @Inject @RestClient UsersApi users;
  @Inject Pages pages;

  /** What the admin searched for; empty means any. */
  public record Search(String q, String status, String origin, String kind) {

    /** The search as a query string, for the paging links. */
    public String query() {
      return "q="
          + TextExtensions.urlEncoded(q)
          + "&status="
          + TextExtensions.urlEncoded(status)
          + "&origin="
          + TextExtensions.urlEncoded(origin)
          + "&kind="
          + TextExtensions.urlEncoded(kind);
    }
  }

  @GET
  public String list(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("origin") String origin,
      @QueryParam("kind") String kind,
      @QueryParam("page") String page) {
    String query = q == null ? "" : q.strip();
    Search search =
        new Search(query, oneOf(status, STATUSES), oneOf(origin, ORIGINS), oneOf(kind, KINDS));
    if (pages.partial()) {
      return pages.render(results(search, page, Templates::users$results)).render();
    }
    return pages
        .render(results(search, page, (s, f, p) -> Templates.users(s, f, p, GuestForm.empty())))
        .render();
  }

  /**
   * "Add guest": the window is read as UTC. Created, the admin lands on the guest's page; refused,
   * the form comes back as typed with the service's message next to its field. (It posts to the
   * list's own path: {@code /admin/users/<anything>} is a user's page.)
   */
  @POST
  public Response addGuest(
      @FormParam("username") String username,
      @FormParam("displayName") String displayName,
      @FormParam("email") String email,
      @FormParam("validFrom") String validFrom,
      @FormParam("validUntil") String validUntil) {
    GuestForm typed =
        new GuestForm(
            text(username),
            text(displayName),
            text(email),
            text(validFrom),
            text(validUntil),
            Map.of(),
            null,
            true);
    Messages words = pages.messages();
    Map<String, String> errors = new LinkedHashMap<>();
    String from = instant(typed.validFrom(), "validFrom", errors, words);
    String until = instant(typed.validUntil(), "validUntil", errors, words);
    if (!errors.isEmpty()) {
      return guestAnswer(typed.refused(errors, null));
    }
    UsersApi.User created;
    try {
      created =
          users.create(
              new UsersApi.NewUser(
                  typed.username(), typed.displayName(), typed.email(), "guest", from, until));
    } catch (WebApplicationException refused) {
      return guestAnswer(typed.refused(ApiProblem.of(refused)));
    }
    String guestPage = "/admin/users/" + TextExtensions.urlEncoded(created.id());
    if (pages.partial()) {
      // htmx: the whole page changes, to the new guest's.
      return Response.ok().header("HX-Redirect", guestPage).build();
    }
    return Response.seeOther(URI.create(guestPage)).build();
  }

  private Response guestAnswer(GuestForm guest) {
    if (pages.partial()) {
      return pages.ok(Templates.users$guest(guest));
    }
    Search any = new Search("", "", "", "");
    return pages.ok(results(any, null, (s, f, p) -> Templates.users(s, f, p, guest)));
  }

  private static String instant(
      String typed, String field, Map<String, String> errors, Messages words) {
    try {
      String instant = UtcTimes.instant(typed);
      if (instant == null) {
        errors.put(field, words.date_time_needed());
      }
      return instant;
    } catch (IllegalArgumentException notADateTime) {
      errors.put(field, words.date_time_needed());
      return null;
    }
  }

  /** What the list shows of one search. */
  private interface ListTemplate {
    TemplateInstance of(Search search, ApiPage<UsersApi.User> found, String problem);
  }

  private TemplateInstance results(Search search, String page, ListTemplate template) {
    ApiPage<UsersApi.User> found = null;
    String problem = null;
    try {
      found =
          users.list(
              search.q().isEmpty() ? null : search.q(),
              search.status().isEmpty() ? null : search.status(),
              search.origin().isEmpty() ? null : search.origin(),
              search.kind().isEmpty() ? null : search.kind(),
              pageNumber(page),
              PAGE_SIZE);
    } catch (WebApplicationException refused) {
      ApiProblem said = ApiProblem.of(refused);
      problem = pages.messages().refused(said.said());
    }
    return template.of(search, found, problem);
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /** A filter the page offers, or empty (any); whatever else arrived in the URL is ignored. */
  private static String oneOf(String value, List<String> offered) {
    return value != null && offered.contains(value) ? value : "";
  }

  private static int pageNumber(String page) {
    return page != null && page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
  }
}
