package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.CredentialsApi;
import io.lanyard.web.client.CredentialsApi.ChangeCode;
import io.lanyard.web.client.CredentialsApi.Credentials;
import io.lanyard.web.client.NotificationsApi;
import io.lanyard.web.client.UsersApi;
import io.lanyard.web.client.UsersApi.User;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.lanyard.web.web.UtcTimes;
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
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One user, as the vendor's admin console shows them ({@code /admin/users/{id}}): profile and
 * status (a guest's window, changeable), the code masked with "Show code" (a reveal, recorded in
 * the history), its expiry (set, changed, removed) and when the rotation policy replaces it,
 * "Generate random", "Save" and "Save and email", cards, the history and the emails sent. Each
 * action answers the page's detail again, with what happened, or the service's refusal next to the
 * field it names.
 */
@Path("/admin/users/{id}")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminUserPage {

  /** What the page shows of the user: loaded afresh after every action. */
  public record Detail(
      User user,
      Credentials credentials,
      List<HistoryLine> history,
      List<NotificationsApi.Mail> mails) {

    /** Where this page adds and removes the user's cards. */
    public String cardsPath() {
      return "/admin/users/" + user.id() + "/cards";
    }
  }

  /**
   * The state of the page's forms: a shown code, "generate" chosen, what was typed (the window's
   * and the expiry's {@code datetime-local} values in {@code typed}), errors by field.
   */
  public record Form(
      String shownCode,
      boolean generate,
      String code,
      String cardNumber,
      String cardLabel,
      Map<String, String> errors,
      Notice notice,
      Map<String, String> typed) {

    public Form(
        String shownCode,
        boolean generate,
        String code,
        String cardNumber,
        String cardLabel,
        Map<String, String> errors,
        Notice notice) {
      this(shownCode, generate, code, cardNumber, cardLabel, errors, notice, Map.of());
    }

    /** What was typed into a field after a refusal, else what the service holds. */
    public String typedOr(String field, String held) {
      return typed.getOrDefault(field, held);
    }

    static Form refusedTyped(Map<String, String> typed, Map<String, String> errors) {
      return new Form(null, false, "", "", "", errors, null, typed);
    }

    static Form empty() {
      return new Form(null, false, "", "", "", Map.of(), null);
    }

    static Form notice(Notice notice) {
      return new Form(null, false, "", "", "", Map.of(), notice);
    }

    public String error(String field) {
      return errors.get(field);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance user(Detail detail, Form form);

    static native TemplateInstance user$detail(Detail detail, Form form);
  }

  @Inject @RestClient UsersApi users;
  @Inject @RestClient CredentialsApi credentials;
  @Inject @RestClient NotificationsApi notifications;
  @Inject Pages pages;

  @GET
  public Response page(@PathParam("id") String id) {
    return answer(id, Form.empty(), false);
  }

  @POST
  @Path("/suspend")
  public Response suspend(@PathParam("id") String id) {
    return act(id, () -> users.suspend(id), pages.messages().suspended_done());
  }

  @POST
  @Path("/reactivate")
  public Response reactivate(@PathParam("id") String id) {
    return act(id, () -> users.reactivate(id), pages.messages().reactivated_done());
  }

  /** "Show code": a reveal, audited by credential-service. */
  @POST
  @Path("/code/reveal")
  public Response reveal(@PathParam("id") String id) {
    try {
      String code = credentials.reveal(id).accessCode();
      Form shown = new Form(code, false, "", "", "", Map.of(), null);
      return answer(id, shown, true);
    } catch (WebApplicationException refused) {
      return answer(id, Form.notice(problem(ApiProblem.of(refused))), true);
    }
  }

  /** "Generate random" chooses a generated code; "Save" and "Save and email" set it. */
  @POST
  @Path("/code")
  public Response setCode(
      @PathParam("id") String id,
      @FormParam("action") String action,
      @FormParam("code") String code,
      @FormParam("generate") String generate) {
    boolean generated = "true".equals(generate) || "generate".equals(action);
    String typed = code == null ? "" : code.strip();
    if ("generate".equals(action)) {
      return answer(id, new Form(null, true, "", "", "", Map.of(), null), true);
    }
    boolean email = "email".equals(action);
    Messages text = pages.messages();
    try {
      credentials.changeCode(
          id, generated ? new ChangeCode(null, true, email) : new ChangeCode(typed, null, email));
      return answer(
          id, Form.notice(Notice.ok(email ? text.code_saved_emailed() : text.code_saved())), true);
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      return answer(
          id, new Form(null, generated, typed, "", "", Map.of("code", problem.said()), null), true);
    }
  }

  /** A guest's window: a merge patch of {@code validFrom} and {@code validUntil}, read as UTC. */
  @POST
  @Path("/window")
  public Response changeWindow(
      @PathParam("id") String id,
      @FormParam("validFrom") String validFrom,
      @FormParam("validUntil") String validUntil) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("validFrom", text(validFrom));
    typed.put("validUntil", text(validUntil));
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> patch = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : typed.entrySet()) {
      String instant = instantOrError(field.getValue(), field.getKey(), errors);
      patch.put(field.getKey(), instant);
    }
    if (!errors.isEmpty()) {
      return answer(id, Form.refusedTyped(typed, errors), true);
    }
    try {
      users.patch(id, patch);
      return answer(id, Form.notice(Notice.ok(pages.messages().window_saved())), true);
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = "validFrom".equals(problem.subject()) ? "validFrom" : "validUntil";
      return answer(id, Form.refusedTyped(typed, Map.of(field, problem.said())), true);
    }
  }

  /**
   * The current code's expiry only ({@code {"expiresAt":…}}); "Remove expiry" sends {@code
   * {"expiresAt":null}}: the code then works until it is changed.
   */
  @POST
  @Path("/code/expiry")
  public Response changeExpiry(
      @PathParam("id") String id,
      @FormParam("action") String action,
      @FormParam("expiresAt") String expiresAt) {
    boolean clear = "clear".equals(action);
    Map<String, String> typed = Map.of("expiresAt", text(expiresAt));
    Map<String, String> errors = new LinkedHashMap<>();
    String instant = clear ? null : instantOrError(text(expiresAt), "expiresAt", errors);
    if (!errors.isEmpty()) {
      return answer(id, Form.refusedTyped(typed, errors), true);
    }
    Map<String, Object> expiry = new HashMap<>();
    expiry.put("expiresAt", instant);
    try {
      credentials.changeExpiry(id, expiry);
      Messages text = pages.messages();
      return answer(
          id, Form.notice(Notice.ok(clear ? text.expiry_cleared() : text.expiry_saved())), true);
    } catch (WebApplicationException refused) {
      return answer(
          id, Form.refusedTyped(typed, Map.of("expiresAt", ApiProblem.of(refused).said())), true);
    }
  }

  @POST
  @Path("/cards")
  public Response addCard(
      @PathParam("id") String id,
      @FormParam("cardNumber") String cardNumber,
      @FormParam("label") String label) {
    String number = cardNumber == null ? "" : cardNumber.strip();
    String named = label == null || label.isBlank() ? null : label.strip();
    try {
      credentials.addCard(id, new CredentialsApi.AddCard(number, named));
      return answer(id, Form.notice(Notice.ok(pages.messages().card_added())), true);
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = "label".equals(problem.field()) ? "label" : "cardNumber";
      return answer(
          id,
          new Form(
              null,
              false,
              "",
              number,
              named == null ? "" : named,
              Map.of(field, problem.said()),
              null),
          true);
    }
  }

  @POST
  @Path("/cards/{cardId}/remove")
  public Response removeCard(@PathParam("id") String id, @PathParam("cardId") String cardId) {
    return act(
        id,
        () -> {
          credentials.removeCard(id, cardId);
          return null;
        },
        pages.messages().card_removed());
  }

  private String instantOrError(String typed, String field, Map<String, String> errors) {
    try {
      String instant = UtcTimes.instant(typed);
      if (instant == null) {
        errors.put(field, pages.messages().date_time_needed());
      }
      return instant;
    } catch (IllegalArgumentException notADateTime) {
      errors.put(field, pages.messages().date_time_needed());
      return null;
    }
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  private Response act(String id, Supplier<Object> action, String done) {
    Notice notice;
    try {
      action.get();
      notice = Notice.ok(done);
    } catch (WebApplicationException refused) {
      notice = problem(ApiProblem.of(refused));
    }
    return answer(id, Form.notice(notice), true);
  }

  /** The page, or (for htmx) its detail; after a form without scripts, back to the page. */
  private Response answer(String id, Form form, boolean afterAction) {
    if (afterAction
        && !pages.partial()
        && form.shownCode() == null
        && form.errors().isEmpty()
        && !form.generate()) {
      return Response.seeOther(URI.create("/admin/users/" + id)).build();
    }
    Detail detail;
    try {
      detail = load(id);
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
    TemplateInstance template =
        pages.partial() ? Templates.user$detail(detail, form) : Templates.user(detail, form);
    return pages.ok(template);
  }

  private Detail load(String id) {
    User user = users.get(id);
    Credentials held;
    List<HistoryLine> history;
    try {
      held = credentials.view(id);
      history =
          credentials.history(id).items().stream()
              .map(entry -> HistoryLine.of(entry, id, pages.messages()))
              .toList();
    } catch (WebApplicationException refused) {
      if (refused.getResponse().getStatus() != 404) {
        throw refused;
      }
      // credential-service has not heard of the user yet (its UserCreated is on its way).
      held = new Credentials(null, null, List.of());
      history = List.of();
    }
    return new Detail(user, held, history, notifications.sentTo(id).items());
  }

  private Notice problem(ApiProblem problem) {
    return Notice.problem(pages.messages().refused(problem.said()));
  }
}
