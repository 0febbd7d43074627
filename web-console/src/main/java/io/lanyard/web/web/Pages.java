package io.lanyard.web.web;

import io.lanyard.web.client.ApiProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * What every page has: the person in the header, the language the browser prefers (English or
 * German, as the emails), and whether htmx asked for a part of a page rather than the page.
 */
@RequestScoped
public class Pages {

  public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

  private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

  @Inject SecurityIdentity identity;

  @Inject
  @Location("problem.html")
  Template problemPage;

  @Inject HttpServerRequest request;

  /** A whole page or a fragment, in the person's language, with the header's data. */
  public TemplateInstance render(TemplateInstance template) {
    Locale locale = language(request.getHeader("Accept-Language"));
    return template
        .data("person", identity.isAnonymous() ? null : Person.of(identity))
        .data("lang", locale.getLanguage())
        .setLocale(locale);
  }

  /** A page (or fragment) as the answer, in the person's language. */
  public Response ok(TemplateInstance template) {
    return Response.ok(render(template).render()).type(HTML).build();
  }

  /**
   * A page that could not be made because a service refused to read what it shows: its words, as a
   * 404 when the thing is not there, else a 502 (the console itself did nothing wrong).
   */
  public Response failed(ApiProblem problem) {
    boolean missing = problem.status() == 404;
    return problem(
        missing ? 404 : 502,
        missing ? messages().not_found_title() : messages().unavailable_title(),
        messages().refused(problem.said()));
  }

  /** A page that says what went wrong, in a sentence, with its status. */
  public Response problem(int status, String title, String message) {
    return Response.status(status)
        .type(HTML)
        .entity(render(problemPage.data("title", title).data("message", message)).render())
        .build();
  }

  /** The texts in the person's language, for what Java words itself (notices, problems). */
  public Messages messages() {
    return MessageBundles.get(
        Messages.class,
        Localized.Literal.of(language(request.getHeader("Accept-Language")).getLanguage()));
  }

  /** The jobs page's texts in the person's language. */
  public JobsMessages jobMessages() {
    return MessageBundles.get(
        JobsMessages.class,
        Localized.Literal.of(language(request.getHeader("Accept-Language")).getLanguage()));
  }

  /** Who is signed in. */
  public Person person() {
    return Person.of(identity);
  }

  /** htmx asks for a part of the page; a browser without scripts, for the whole. */
  public boolean partial() {
    return "true".equals(request.getHeader("HX-Request"));
  }

  static Locale language(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.ENGLISH;
    }
    try {
      Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
      return chosen == null ? Locale.ENGLISH : chosen;
    } catch (IllegalArgumentException malformed) {
      return Locale.ENGLISH;
    }
  }
}
