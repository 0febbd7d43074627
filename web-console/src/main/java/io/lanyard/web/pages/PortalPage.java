package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.SelfServiceApi;
import io.lanyard.web.client.SelfServiceApi.Access;
import io.lanyard.web.client.SelfServiceApi.Card;
import io.lanyard.web.web.Messages;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The user portal ({@code /}): the signed-in person's own code, masked until they ask to see it;
 * their cards, each removable (a lost card); and their code by email. Every answer comes from
 * credential-service's {@code /me/v1}, called with the person's own token.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PortalPage {

  /** The code as the page shows it: none, masked, or in clear. */
  public record CodeView(boolean none, boolean shown, String value) {

    static CodeView of(Access access, boolean shown) {
      boolean none = access.accessCode() == null;
      return new CodeView(none, shown && !none, shown && !none ? access.accessCode() : null);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance portal(
        String problem, CodeView code, List<Card> cards, Notice notice, Notice cardsNotice);

    static native TemplateInstance portal$code(CodeView code);

    static native TemplateInstance portal$cards(List<Card> cards, Notice cardsNotice);

    static native TemplateInstance portal$notice(Notice notice);
  }

  @Inject @RestClient SelfServiceApi me;
  @Inject Pages pages;

  @GET
  public Response home(@QueryParam("show") String show) {
    if (pages.person().operator() && pages.person().tenant() == null) {
      // An operator belongs to no tenant, so has no code: their start is the tenants.
      return Response.seeOther(URI.create("/ops/tenants")).build();
    }
    boolean shown = "code".equals(show);
    Access access;
    try {
      access = me.access();
    } catch (WebApplicationException refused) {
      return page(
          Templates.portal(whyNoAccess(ApiProblem.of(refused)), null, List.of(), null, null));
    }
    return page(Templates.portal(null, CodeView.of(access, shown), cards(access), null, null));
  }

  /** htmx: the code shown or masked again, in place. */
  @GET
  @Path("portal/code")
  public Response code(@QueryParam("show") String show) {
    if (!pages.partial()) {
      return Response.seeOther(URI.create("code".equals(show) ? "/?show=code" : "/")).build();
    }
    boolean shown = "code".equals(show);
    return page(Templates.portal$code(CodeView.of(me.access(), shown)));
  }

  @POST
  @Path("portal/cards/{cardId}/remove")
  public Response removeCard(@PathParam("cardId") String cardId) {
    Messages text = pages.messages();
    Notice notice;
    try {
      me.removeCard(cardId);
      notice = Notice.ok(text.card_removed());
    } catch (WebApplicationException refused) {
      notice = Notice.problem(text.refused(ApiProblem.of(refused).said()));
    }
    if (!pages.partial()) {
      return Response.seeOther(URI.create("/")).build();
    }
    return page(Templates.portal$cards(cards(me.access()), notice));
  }

  @POST
  @Path("portal/code/email")
  public Response emailCode() {
    Messages text = pages.messages();
    Notice notice;
    try {
      me.emailCode();
      notice = Notice.ok(text.email_sent());
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      notice =
          Notice.problem(
              problem.is("too_many_reminders")
                  ? text.too_many_reminders()
                  : text.refused(problem.said()));
    }
    if (!pages.partial()) {
      return Response.seeOther(URI.create("/")).build();
    }
    return page(Templates.portal$notice(notice));
  }

  /** Why the person sees no code: told in their language where Lanyard knows the reason. */
  private String whyNoAccess(ApiProblem problem) {
    Messages text = pages.messages();
    if (problem.is("email_not_verified")) {
      return text.email_not_verified();
    }
    if (problem.is("user_inactive")) {
      return text.user_inactive();
    }
    if (problem.status() == 404) {
      return text.no_user();
    }
    return text.refused(problem.said());
  }

  private static List<Card> cards(Access access) {
    return access.cards() == null ? List.of() : access.cards();
  }

  private Response page(TemplateInstance template) {
    return pages.ok(template);
  }
}
