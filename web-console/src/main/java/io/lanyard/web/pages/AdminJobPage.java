package io.lanyard.web.pages;

import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.CredentialJobsApi;
import io.lanyard.web.client.Job;
import io.lanyard.web.client.UserImportsApi;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One job ({@code /admin/jobs/regenerations/{id}}, {@code /admin/jobs/imports/{id}}): its state,
 * progress (followed in place while it runs), its results paged, and "Cancel" while it runs.
 */
@Path("/admin/jobs/{kind}/{id}")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminJobPage {

  static final int RESULTS_SIZE = 50;

  /** The job, which service's it is ({@code regenerations} or {@code imports}), what happened. */
  public record View(String kind, Job job, Notice notice) {

    public boolean isImport() {
      return "imports".equals(kind);
    }

    public String path() {
      return "/admin/jobs/" + kind + "/" + job.id();
    }

    /** The page of results shown, which the page keeps while it asks for news or cancels. */
    public int resultsPage() {
      return job.results() == null ? 0 : job.results().page();
    }

    /** Where the page asks for news: the same page of results. */
    public String pollPath() {
      return path() + "?page=" + resultsPage();
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance job(View view);

    static native TemplateInstance job$detail(View view);
  }

  @Inject @RestClient CredentialJobsApi credentialJobs;
  @Inject @RestClient UserImportsApi imports;
  @Inject Pages pages;

  @GET
  public Response page(
      @PathParam("kind") String kind,
      @PathParam("id") String id,
      @QueryParam("page") String page,
      @QueryParam("cancel") String cancelled) {
    if (!known(kind)) {
      return notFound();
    }
    return answer(kind, id, pageNumber(page), CancelOutcome.notice(cancelled, pages.jobMessages()));
  }

  /**
   * Stops the job before its next chunk; what was done stays done. htmx (the job's page) gets the
   * job in place; a plain form (the jobs list, or the job's page without scripts) is sent back with
   * a 303 to where it was pressed ({@code back=jobs}: the list; else the job's page, at the same
   * page of results), so a reload reads that page again instead of posting again.
   */
  @POST
  @Path("/cancel")
  public Response cancel(
      @PathParam("kind") String kind,
      @PathParam("id") String id,
      @FormParam("back") String back,
      @FormParam("page") String page) {
    if (!known(kind)) {
      return notFound();
    }
    CancelOutcome outcome;
    try {
      if ("imports".equals(kind)) {
        imports.cancel(id);
      } else {
        credentialJobs.cancel(id);
      }
      outcome = CancelOutcome.DONE;
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      if (!problem.is("job_finished")) {
        return pages.partial()
            ? answer(
                kind,
                id,
                pageNumber(page),
                Notice.problem(pages.messages().refused(problem.said())))
            : pages.failed(problem);
      }
      outcome = CancelOutcome.ENDED;
    }
    if (pages.partial()) {
      return answer(
          kind, id, pageNumber(page), CancelOutcome.notice(outcome.wire, pages.jobMessages()));
    }
    URI target =
        "jobs".equals(back)
            ? UriBuilder.fromPath("/admin/jobs").queryParam("cancel", outcome.wire).build()
            : UriBuilder.fromPath("/admin/jobs/{kind}/{id}")
                .queryParam("page", pageNumber(page))
                .queryParam("cancel", outcome.wire)
                .build(kind, id);
    return Response.seeOther(target).build();
  }

  private Response answer(String kind, String id, int page, Notice notice) {
    Job job;
    try {
      job =
          "imports".equals(kind)
              ? imports.get(id, page, RESULTS_SIZE)
              : credentialJobs.get(id, page, RESULTS_SIZE);
    } catch (WebApplicationException refused) {
      return pages.failed(ApiProblem.of(refused));
    }
    View view = new View(kind, job, notice);
    return pages.ok(pages.partial() ? Templates.job$detail(view) : Templates.job(view));
  }

  private static boolean known(String kind) {
    return "regenerations".equals(kind) || "imports".equals(kind);
  }

  private Response notFound() {
    return pages.problem(
        404, pages.messages().not_found_title(), pages.messages().not_found_text());
  }

  private static int pageNumber(String page) {
    return page != null && page.matches("[0-9]{1,6}") ? Integer.parseInt(page) : 0;
  }
}
