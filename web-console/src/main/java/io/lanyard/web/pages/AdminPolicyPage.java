package io.lanyard.web.pages;

import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.kernel.DomainException;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.PolicyApi;
import io.lanyard.web.client.PolicyApi.Policy;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The tenant's credential policy ({@code /admin/policy}): code length and alphabet, how many cards
 * a user may have, and the card conversion chain, with a live preview of what a reader's value
 * becomes under the chain being edited (before it is saved); and rotation: codes older than so many
 * days replaced, with a notice so many days before, and which codes are never rotated.
 */
@Path("/admin/policy")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminPolicyPage {

  /** Rotation's default notice, as credential-service's. */
  static final int DEFAULT_NOTICE_DAYS = 7;

  /**
   * The form as saved or as typed, the refusal by field, and what happened. {@code rotates} is the
   * service's word on which code sources are rotated (the form carries it back, to show it again).
   */
  public record Form(
      String codeLength,
      String codeAlphabet,
      String maxCards,
      String conversion,
      boolean rotate,
      String maxCodeAgeDays,
      String rotationNoticeDays,
      List<String> rotates,
      Map<String, String> errors,
      Notice notice) {

    static Form of(Policy policy, Notice notice) {
      return new Form(
          String.valueOf(policy.codeLength()),
          policy.codeAlphabet(),
          String.valueOf(policy.maxCards()),
          ConversionLines.format(policy.cardConversion()),
          policy.maxCodeAgeDays() != null,
          policy.maxCodeAgeDays() == null ? "" : String.valueOf(policy.maxCodeAgeDays()),
          String.valueOf(
              policy.rotationNoticeDays() == null
                  ? DEFAULT_NOTICE_DAYS
                  : policy.rotationNoticeDays()),
          policy.rotates() == null ? List.of() : policy.rotates(),
          Map.of(),
          notice);
    }

    public String error(String field) {
      return errors.get(field);
    }

    /** Directory-managed codes are the directory's: the policy never rotates them. */
    public boolean directoryExempt() {
      return !rotates.contains("directory");
    }

    public boolean rotatesSource(String source) {
      return rotates.contains(source);
    }

    /** The hidden field that carries {@code rotates} back. */
    public String rotatesList() {
      return String.join(",", rotates);
    }

    Form withError(String field, String message) {
      return new Form(
          codeLength,
          codeAlphabet,
          maxCards,
          conversion,
          rotate,
          maxCodeAgeDays,
          rotationNoticeDays,
          rotates,
          Map.of(field, message),
          null);
    }
  }

  /** A reader's value, and what the chain makes of it (or why it cannot). */
  public record Preview(String sample, String cardNumber, String problem) {}

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance policy(Form form, Preview preview);

    static native TemplateInstance policy$form(Form form, Preview preview);

    static native TemplateInstance policy$preview(Preview preview);
  }

  @Inject @RestClient PolicyApi policies;
  @Inject Pages pages;

  @GET
  public Response page() {
    try {
      return pages.ok(Templates.policy(Form.of(policies.get(), null), new Preview("", null, null)));
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
  }

  @POST
  public Response save(
      @FormParam("codeLength") String codeLength,
      @FormParam("codeAlphabet") String codeAlphabet,
      @FormParam("maxCards") String maxCards,
      @FormParam("cardConversion") String conversion,
      @FormParam("rotate") String rotate,
      @FormParam("maxCodeAgeDays") String maxCodeAgeDays,
      @FormParam("rotationNoticeDays") String rotationNoticeDays,
      @FormParam("rotates") String rotates,
      @FormParam("sample") String sample) {
    Form typed =
        new Form(
            text(codeLength),
            text(codeAlphabet),
            text(maxCards),
            text(conversion),
            "on".equals(rotate),
            text(maxCodeAgeDays),
            text(rotationNoticeDays),
            sources(rotates),
            Map.of(),
            null);
    Form answer;
    try {
      Policy saved =
          policies.put(
              new Policy(
                  number(typed.codeLength(), "code_length"),
                  typed.codeAlphabet(),
                  number(typed.maxCards(), "max_cards"),
                  ConversionLines.parse(typed.conversion()),
                  // Off is null, sent as null: the service then rotates nothing.
                  typed.rotate() ? number(typed.maxCodeAgeDays(), "max_code_age_days") : null,
                  number(typed.rotationNoticeDays(), "rotation_notice_days"),
                  null));
      answer = Form.of(saved, Notice.ok(pages.messages().policy_saved()));
    } catch (DomainException refused) {
      answer = typed.withError(field(refused.code(), null), refused.getMessage());
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      answer = typed.withError(field(problem.code(), problem.subject()), problem.said());
    }
    Preview preview = converted(answer.conversion(), text(sample));
    return pages.ok(
        pages.partial()
            ? Templates.policy$form(answer, preview)
            : Templates.policy(answer, preview));
  }

  /** htmx, as the admin types: the sample under the chain in the form, saved or not. */
  @POST
  @Path("/preview")
  public Response preview(
      @FormParam("cardConversion") String conversion, @FormParam("sample") String sample) {
    return pages.ok(Templates.policy$preview(converted(text(conversion), text(sample))));
  }

  private static Preview converted(String conversion, String sample) {
    if (sample.isEmpty()) {
      return new Preview(sample, null, null);
    }
    try {
      List<StepSpec> steps = ConversionLines.parse(conversion);
      return new Preview(sample, CardConversion.fromSpecs(steps).convert(sample), null);
    } catch (DomainException refused) {
      return new Preview(sample, null, refused.getMessage());
    }
  }

  /**
   * The form field a refusal names: {@code invalid_code_length} → {@code code_length}; a refusal
   * coded {@code invalid_field} names it in its message ({@code "maxCodeAgeDays: …"}).
   */
  private static String field(String code, String subject) {
    if (code != null && code.startsWith("invalid_") && !"invalid_field".equals(code)) {
      return code.substring(8);
    }
    if (subject != null) {
      return subject.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
    return "card_conversion";
  }

  /** The sources the service said it rotates, as the hidden field carried them back. */
  private static List<String> sources(String carried) {
    if (carried == null || carried.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(carried.split(","))
        .map(String::strip)
        .filter(List.of("generated", "admin", "directory")::contains)
        .toList();
  }

  private Integer number(String text, String field) {
    if (!text.matches("[0-9]{1,4}")) {
      throw DomainException.invalid("invalid_" + field, pages.messages().whole_number());
    }
    return Integer.valueOf(text);
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
