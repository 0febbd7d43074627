package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.MailSettingsApi;
import io.lanyard.web.client.MailSettingsApi.MailSettings;
import io.lanyard.web.client.TenantSettingsApi;
import io.lanyard.web.client.TenantSettingsApi.TenantSettings;
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
 * The tenant's settings ({@code /admin/settings}): email (invitations on or off, the sender's name,
 * each email's subject, the portal URL the invitation's link and QR code lead to), from
 * notification-service; and guests (how many days an ended guest is kept), from identity-service.
 */
@Path("/admin/settings")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminSettingsPage {

  /**
   * The emails, in the order the page lists their subjects. Every kind notification-service knows
   * is here: a kind left out would be sent without its subject on save, and so reset to the
   * default.
   */
  static final List<String> KINDS =
      List.of(
          "invitation",
          "code_changed",
          "code_regenerated",
          "rotation_notice",
          "code_rotated",
          "reminder");

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

  /** The guests' form: the retention in days, as saved or as typed, and what happened. */
  public record GuestsForm(String retentionDays, String error, Notice notice) {

    static GuestsForm of(TenantSettings settings, Notice notice) {
      Integer days = settings.guestRetentionDays();
      return new GuestsForm(days == null ? "" : String.valueOf(days), null, notice);
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance settings(Form form, GuestsForm guests);

    static native TemplateInstance settings$form(Form form);

    static native TemplateInstance settings$guests(GuestsForm guests);
  }

  @Inject @RestClient MailSettingsApi mail;
  @Inject @RestClient TenantSettingsApi tenantSettings;
  @Inject Pages pages;

  @GET
  public Response page() {
    try {
      return pages.ok(
          Templates.settings(
              new Form(mail.get(), Map.of(), null), GuestsForm.of(tenantSettings.get(), null)));
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
  }

  /** How long a guest is kept after their window ended: 1 to 3650 days (identity-service's). */
  @POST
  @Path("/guests")
  public Response saveGuests(@FormParam("guestRetentionDays") String days) {
    String typed = text(days);
    GuestsForm guests;
    if (!typed.matches("[0-9]{1,5}")) {
      guests = new GuestsForm(typed, pages.messages().whole_number(), null);
    } else {
      try {
        guests =
            GuestsForm.of(
                tenantSettings.put(new TenantSettings(Integer.valueOf(typed))),
                Notice.ok(pages.messages().settings_saved()));
      } catch (WebApplicationException refused) {
        guests = new GuestsForm(typed, ApiProblem.of(refused).said(), null);
      }
    }
    if (pages.partial()) {
      return pages.ok(Templates.settings$guests(guests));
    }
    try {
      return pages.ok(Templates.settings(new Form(mail.get(), Map.of(), null), guests));
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
      @FormParam("subject_rotation_notice") String rotationNotice,
      @FormParam("subject_code_rotated") String codeRotated,
      @FormParam("subject_reminder") String reminder) {
    Map<String, String> subjects = new LinkedHashMap<>();
    subjects.put("invitation", text(invitation));
    subjects.put("code_changed", text(codeChanged));
    subjects.put("code_regenerated", text(codeRegenerated));
    subjects.put("rotation_notice", text(rotationNotice));
    subjects.put("code_rotated", text(codeRotated));
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
    if (pages.partial()) {
      return pages.ok(Templates.settings$form(form));
    }
    try {
      return pages.ok(Templates.settings(form, GuestsForm.of(tenantSettings.get(), null)));
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
