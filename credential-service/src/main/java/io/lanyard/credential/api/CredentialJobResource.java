package io.lanyard.credential.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.lanyard.credential.application.CredentialJobCommands;
import io.lanyard.credential.domain.JobResult;
import io.lanyard.credential.infra.CredentialCodedValues;
import io.lanyard.credential.infra.JobRecords;
import io.lanyard.credential.infra.JobView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * Credential jobs of the admin's tenant (ADR 6): queue one ({@link CredentialJobRequest}), list
 * them newest first, read one with its results paged, cancel one. Another tenant's job is not
 * found.
 */
@Path("/admin/v1/credential-jobs")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialJobResource {

  /** A job as the API shows it; in a list without its results. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Job(
      UUID id,
      String kind,
      @com.fasterxml.jackson.annotation.JsonProperty("notify") boolean notifyUsers,
      String status,
      int total,
      int done,
      int failed,
      Instant createdAt,
      Instant updatedAt,
      String reason,
      Page<Result> results) {

    static Job of(JobView view, Page<Result> results) {
      return new Job(
          view.id(),
          view.kind(),
          view.notifyUsers(),
          view.status(),
          view.total(),
          view.done(),
          view.failed(),
          view.createdAt(),
          view.updatedAt(),
          view.reason(),
          results);
    }
  }

  /** One user's result. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(UUID userId, String outcome, String reason) {

    static Result of(JobResult result) {
      return new Result(
          result.userId(), CredentialCodedValues.wire(result.outcome()), result.reason());
    }
  }

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final CredentialJobCommands commands;
  private final JobRecords records;
  private final Pool pool;

  CredentialJobResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      CredentialJobCommands commands,
      JobRecords records,
      Pool pool) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.commands = commands;
    this.records = records;
    this.pool = pool;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> queue(JsonNode body) {
    CredentialJobRequest request = CredentialJobRequest.read(body);
    return adminTenant
        .of(identity)
        .chain(
            tenant ->
                commands.queue(
                    tenant,
                    request.selection(),
                    request.notifyUsers(),
                    identity.getPrincipal().getName()))
        .map(job -> Response.status(202).entity(Job.of(job, emptyResults())).build());
  }

  @GET
  public Uni<Page<Job>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
    int pageNumber = Page.page(page);
    int pageSize = Page.size(size);
    return adminTenant
        .of(identity)
        .chain(tenant -> records.list(pool, tenant, pageNumber, pageSize))
        .map(
            jobs ->
                new Page<>(
                    jobs.items().stream().map(job -> Job.of(job, null)).toList(),
                    pageNumber,
                    pageSize,
                    jobs.total()));
  }

  @GET
  @Path("/{jobId}")
  public Uni<Job> get(
      @PathParam("jobId") String jobId,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    UUID id = Ids.named(jobId, "job");
    int pageNumber = Page.page(page);
    int pageSize = Page.size(size);
    return adminTenant
        .of(identity)
        .chain(tenant -> records.find(pool, tenant, id))
        .chain(
            found -> {
              JobView job = found.orElseThrow(() -> DomainException.notFound("job"));
              return records
                  .results(pool, id, pageNumber, pageSize)
                  .map(
                      results ->
                          Job.of(
                              job,
                              new Page<>(
                                  results.items().stream().map(Result::of).toList(),
                                  pageNumber,
                                  pageSize,
                                  results.total())));
            });
  }

  @DELETE
  @Path("/{jobId}")
  public Uni<Job> cancel(@PathParam("jobId") String jobId) {
    UUID id = Ids.named(jobId, "job");
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.cancel(tenant, id))
        .chain(
            job ->
                records
                    .results(pool, id, 0, Page.DEFAULT_SIZE)
                    .map(
                        results ->
                            Job.of(
                                job,
                                new Page<>(
                                    results.items().stream().map(Result::of).toList(),
                                    0,
                                    Page.DEFAULT_SIZE,
                                    results.total()))));
  }

  private static Page<Result> emptyResults() {
    return new Page<>(java.util.List.of(), 0, Page.DEFAULT_SIZE, 0);
  }
}
