package io.lanyard.directory.api;

import io.lanyard.directory.infra.SyncRuns;
import io.lanyard.directory.infra.SyncRuns.RunView;
import io.lanyard.kernel.DomainException;
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

/** The tenant's directory sync runs, newest first, with their progress, counts and errors. */
@Path("/admin/v1/directory/sync-runs")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class SyncRunResource {

  private static final int MOST = 100;

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final SyncRuns runs;

  SyncRunResource(AdminTenant adminTenant, SecurityIdentity identity, SyncRuns runs) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.runs = runs;
  }

  @GET
  public Uni<Page<Map<String, Object>>> list(@QueryParam("size") Integer size) {
    int limit = size == null ? 20 : Math.max(1, Math.min(size, MOST));
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
    UUID id;
    try {
      id = UUID.fromString(runId);
    } catch (IllegalArgumentException e) {
      throw DomainException.notFound("sync run");
    }
    return adminTenant
        .of(identity)
        .chain(tenant -> runs.find(tenant, id))
        .map(found -> view(found.orElseThrow(() -> DomainException.notFound("sync run"))));
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
