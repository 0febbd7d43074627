package io.lanyard.credential.api;

import io.lanyard.credential.application.CredentialArchive;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.runtime.api.InternalCallers;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code GET /internal/v1/tenants/{tenantId}/archive}: credential-service's part of a tenant's
 * archive ({@link CredentialArchive}), JSON lines streamed a page at a time, for identity-service
 * only, which puts the tenant's archive together for the operator ({@code POST
 * /ops/v1/tenants/{id}/export}). A tenant it has not heard of is 404.
 */
@Path("/internal/v1/tenants/{tenantId}/archive")
@RolesAllowed("lanyard-service")
@InternalCallers(InternalCallers.IDENTITY)
public class InternalArchiveResource {

  static final String JSON_LINES = "application/x-ndjson";
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

  private final CredentialArchive archive;
  private final KnownUsers users;

  InternalArchiveResource(CredentialArchive archive, KnownUsers users) {
    this.archive = archive;
    this.users = users;
  }

  // Blocking: the body is written page by page on a worker thread, each page awaited there.
  @GET
  @Produces(JSON_LINES)
  @Blocking
  public Response archive(@PathParam("tenantId") String tenant) {
    users.requireKnown(tenant).await().atMost(PAGE_TIMEOUT);
    StreamingOutput body =
        out -> {
          UUID afterUser = null;
          while (true) {
            CredentialArchive.Lines<UUID> page =
                archive.credentials(tenant, afterUser).await().atMost(PAGE_TIMEOUT);
            if (page.next() == null) {
              break;
            }
            out.write(page.lines().getBytes(StandardCharsets.UTF_8));
            out.flush();
            afterUser = page.next();
          }
          long afterEvent = 0;
          while (true) {
            CredentialArchive.Lines<Long> page =
                archive.history(tenant, afterEvent).await().atMost(PAGE_TIMEOUT);
            if (page.next() == null) {
              break;
            }
            out.write(page.lines().getBytes(StandardCharsets.UTF_8));
            out.flush();
            afterEvent = page.next();
          }
        };
    return Response.ok(body, JSON_LINES).header("Cache-Control", "no-store").build();
  }
}
