package io.lanyard.directory.api;

import io.lanyard.directory.application.google.SyncRunStore.RunView;
import io.lanyard.directory.infra.SyncRuns;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The tenant's directory sync runs, newest first, with their progress, counts and errors. */
@Path("/admin/v1/directory/sync-runs")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class SyncRunResource {

  private static final int MOST = 100;
  private static final Pattern SIZE = Pattern.compile("[0-9]{1,9}");

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final SyncRuns runs;

  SyncRunResource(AdminTenant adminTenant, SecurityIdentity identity, SyncRuns runs) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.runs = runs;
  }

  @GET
  public Uni<Page<Map<String, Object>>> list(@QueryParam("size") String size) {
    int limit = size(size);
    return adminTenant
        .of(identity)
        .chain(tenant -> runs.list(tenant, limit))
        .map(
            found -> {
              List<Map<String, Object>> items = found.stream().map(SyncRunResource::view).toList();
              return new Page<>(items, 0, limit, items.size());
            });
  }

  @GET
  @Path("/{runId}")
  public Uni<Map<String, Object>> get(@PathParam("runId") String runId) {
    UUID id = runId(runId);
    return adminTenant
        .of(identity)
        .chain(tenant -> runs.find(tenant, id))
        .map(found -> view(found.orElseThrow(() -> DomainException.notFound("sync run"))));
  }

  /**
   * A run's id as runs are given them (a UUID in its usual form); anything else, however long or
   * whatever it holds, is a 400 naming the field rather than a lookup.
   */
  static UUID runId(String runId) {
    return Ids.field(runId, "runId");
  }

  /** 20 unless given; 1 to 100. */
  static int size(String size) {
    if (size == null || size.isBlank()) {
      return 20;
    }
    if (!SIZE.matcher(size.strip()).matches()) {
      throw DomainException.invalidField("size", "is a whole number from 1 to " + MOST);
    }
    return Math.max(1, Math.min(Integer.parseInt(size.strip()), MOST));
  }

  static Map<String, Object> view(RunView run) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("runId", run.runId());
    view.put("status", run.status());
    view.put("trigger", run.trigger());
    view.put("startedAt", run.startedAt());
    view.put("finishedAt", run.finishedAt());
    view.put("progress", Map.of("usersSeen", run.usersSeen(), "pagesRead", run.pagesRead()));
    view.put("counts", run.counts());
    view.put("errors", run.errors());
    if (run.failure() != null) {
      view.put("failure", run.failure());
    }
    return view;
  }
}
