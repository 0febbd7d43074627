package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.MailSettingsApi;
import io.lanyard.web.client.MailSettingsApi.MailSettings;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The tenant's email ({@code /admin/settings}): invitations on or off, the sender's name, each
 * email's subject, and the portal URL the invitation's link and QR code lead to.
 */
@Path("/admin/settings")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminSettingsPage {

  /** The emails, in the order the page lists their subjects. */
  static final List<String> KINDS =
      List.of("invitation", "code_changed", "code_regenerated", "reminder");

  /**
   * What the form shows: the settings (as saved, or as typed after a refusal) and what happened.
   */
  public record Form(MailSettings settings, Map<String, String> errors, Notice notice) {

    public String error(String field) {
      return errors.get(field);
    }

    public String subject(String kind) {
      return settings.subjects() == null ? "" : settings.subjects().getOrDefault(kind, "");
    }

    public List<String> kinds() {
      return KINDS;
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance settings(Form form);

    static native TemplateInstance settings$form(Form form);
  }

  @Inject @RestClient MailSettingsApi mail;
  @Inject Pages pages;

  @GET
  public Response page() {
    try {
      return pages.ok(Templates.settings(new Form(mail.get(), Map.of(), null)));
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
  }

  @POST
  public Response save(
      @FormParam("invitationsEnabled") String invitations,
      @FormParam("senderName") String senderName,
      @FormParam("portalUrl") String portalUrl,
      @FormParam("subject_invitation") String invitation,
      @FormParam("subject_code_changed") String codeChanged,
      @FormParam("subject_code_regenerated") String codeRegenerated,
      @FormParam("subject_reminder") String reminder) {
    Map<String, String> subjects = new LinkedHashMap<>();
    subjects.put("invitation", text(invitation));
    subjects.put("code_changed", text(codeChanged));
    subjects.put("code_regenerated", text(codeRegenerated));
    subjects.put("reminder", text(reminder));
    subjects.values().removeIf(String::isEmpty);
    String portal = text(portalUrl);
    MailSettings wanted =
        new MailSettings(
            text(senderName), "on".equals(invitations), portal.isEmpty() ? null : portal, subjects);
    Form form;
    try {
      form = new Form(mail.put(wanted), Map.of(), Notice.ok(pages.messages().settings_saved()));
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = problem.field() == null ? "sender_name" : problem.field();
      form = new Form(wanted, Map.of(field, problem.said()), null);
    }
    return pages.ok(pages.partial() ? Templates.settings$form(form) : Templates.settings(form));
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
