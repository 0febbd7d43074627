package io.lanyard.web.pages;

import io.lanyard.web.client.ApiPage;
import io.lanyard.web.client.ApiProblem;
import io.lanyard.web.client.CredentialJobsApi;
import io.lanyard.web.client.Job;
import io.lanyard.web.client.UserImportsApi;
import io.lanyard.web.web.JobsMessages;
import io.lanyard.web.web.PageRole;
import io.lanyard.web.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Work on many users at once ({@code /admin/jobs}): code regenerations (credential-service) and
 * user imports (identity-service) with their progress, followed in place while one runs; start a
 * regeneration, upload a CSV to import, download the credentials export, cancel a running job.
 */
@Path("/admin/jobs")
@PageRole(PageRole.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class AdminJobsPage {

  /** identity-service refuses a larger CSV (413); the console says so before sending it. */
  public static final long MOST_CSV_BYTES = 10L * 1024 * 1024;

  static final int LIST_SIZE = 20;
  static final List<String> MODES = List.of("all_or_nothing", "per_line");

  /** The import form as chosen, and why it was refused. */
  public record ImportForm(String mode, String error) {

    static ImportForm empty() {
      return new ImportForm("all_or_nothing", null);
    }

    public long mostBytes() {
      return MOST_CSV_BYTES;
    }
  }

  @CheckedTemplate
  static class Templates {

    static native TemplateInstance jobs(
        JobLists lists, RegenerationForm regeneration, ImportForm upload, Notice notice);

    static native TemplateInstance jobs$content(
        JobLists lists, RegenerationForm regeneration, ImportForm upload, Notice notice);

    static native TemplateInstance jobs$lists(JobLists lists);
  }

  @Inject @RestClient CredentialJobsApi credentialJobs;
  @Inject @RestClient UserImportsApi imports;
  @Inject Pages pages;

  /** {@code cancel}: what a job's "Cancel" did, after its redirect back here. */
  @GET
  public Response page(@QueryParam("cancel") String cancelled) {
    return answer(
        RegenerationForm.empty(),
        ImportForm.empty(),
        CancelOutcome.notice(cancelled, pages.jobMessages()));
  }

  /** htmx, every two seconds while a job runs: the lists alone (the forms keep what is typed). */
  @GET
  @Path("/lists")
  public Response listsPart() {
    if (!pages.partial()) {
      return page(null);
    }
    return pages.ok(Templates.jobs$lists(lists()));
  }

  @POST
  @Path("/regenerations")
  public Response regenerate(
      @FormParam("selection") String selection,
      @FormParam("orgUnit") String orgUnit,
      @FormParam("status") String status,
      @FormParam("origin") String origin,
      @FormParam("notify") String notify) {
    RegenerationForm form =
        new RegenerationForm(
            oneOf(selection, List.of("all", "org_unit", "filter"), "all"),
            text(orgUnit),
            oneOf(status, AdminUsersPage.STATUSES, ""),
            oneOf(origin, AdminUsersPage.ORIGINS, ""),
            "on".equals(notify),
            Map.of());
    JobsMessages jobWords = pages.jobMessages();
    Map<String, Object> job = form.job();
    if (job == null) {
      return answer(
          form.withError("orgUnit", jobWords.org_unit_needed()), ImportForm.empty(), null);
    }
    try {
      credentialJobs.start(job);
      return answer(
          RegenerationForm.empty(), ImportForm.empty(), Notice.ok(jobWords.regeneration_started()));
    } catch (WebApplicationException refused) {
      ApiProblem problem = ApiProblem.of(refused);
      String field = "orgUnit".equals(problem.subject()) ? "orgUnit" : "selection";
      return answer(form.withError(field, problem.said()), ImportForm.empty(), null);
    }
  }

  /**
   * The CSV as it was uploaded (a temporary file, never read into memory here), forwarded as {@code
   * text/csv}; a file over 10 MiB is refused here, with a sentence, not sent.
   */
  @POST
  @Path("/imports")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response upload(@RestForm("csv") FileUpload csv, @RestForm String mode) {
    ImportForm chosen = new ImportForm(oneOf(mode, MODES, "all_or_nothing"), null);
    JobsMessages jobWords = pages.jobMessages();
    if (csv == null || csv.uploadedFile() == null || csv.size() == 0) {
      return answer(RegenerationForm.empty(), withError(chosen, jobWords.csv_needed()), null);
    }
    if (csv.size() > MOST_CSV_BYTES) {
      return answer(RegenerationForm.empty(), withError(chosen, jobWords.csv_too_large()), null);
    }
    try {
      imports.upload(chosen.mode(), csv.uploadedFile().toFile());
      return answer(
          RegenerationForm.empty(),
          new ImportForm(chosen.mode(), null),
          Notice.ok(jobWords.import_started()));
    } catch (WebApplicationException refused) {
      return answer(
          RegenerationForm.empty(), withError(chosen, ApiProblem.of(refused).said()), null);
    }
  }

  private static ImportForm withError(ImportForm form, String message) {
    return new ImportForm(form.mode(), message);
  }

  private Response answer(RegenerationForm regeneration, ImportForm upload, Notice notice) {
    JobLists lists = lists();
    return pages.ok(
        pages.partial()
            ? Templates.jobs$content(lists, regeneration, upload, notice)
            : Templates.jobs(lists, regeneration, upload, notice));
  }

  private JobLists lists() {
    Listed regenerations = listed(() -> credentialJobs.list(0, LIST_SIZE));
    Listed imported = listed(() -> imports.list(0, LIST_SIZE));
    return new JobLists(
        regenerations.jobs(), regenerations.problem(), imported.jobs(), imported.problem());
  }

  private record Listed(ApiPage<Job> jobs, String problem) {}

  /** One service's list, or in words why not: a service down is one list's sentence. */
  private Listed listed(Supplier<ApiPage<Job>> list) {
    try {
      return new Listed(list.get(), null);
    } catch (WebApplicationException refused) {
      return new Listed(null, pages.messages().refused(ApiProblem.of(refused).said()));
    } catch (ProcessingException unanswered) {
      return new Listed(null, pages.messages().unavailable_text());
    }
  }

  private static String oneOf(String value, List<String> offered, String otherwise) {
    return value != null && offered.contains(value) ? value : otherwise;
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }
}
