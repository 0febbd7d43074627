package io.lanyard.credential.api;

import io.lanyard.credential.application.CredentialExport;
import io.lanyard.credential.application.CredentialExport.ExportPage;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code GET /admin/v1/credentials/export}: the admin's tenant's users and their credentials as CSV
 * ({@link CredentialExport}), streamed a page at a time as the pages are read. {@code
 * ?cardNumbers=full} shows card numbers in clear and records it in each such user's history. {@code
 * Accept} other than {@code text/csv} (or a wildcard) is 406.
 */
@Path("/admin/v1/credentials/export")
@RolesAllowed("lanyard-admin")
public class CredentialExportResource {

  private static final Logger LOG = Logger.getLogger(CredentialExportResource.class);
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
  private static final String CSV = "text/csv; charset=utf-8";

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final CredentialExport export;

  CredentialExportResource(
      AdminTenant adminTenant, SecurityIdentity identity, CredentialExport export) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.export = export;
  }

  // Blocking: the body is written page by page on a worker thread, each page awaited there.
  @GET
  @Produces("text/csv")
  @Blocking
  @CarriesSecret
  public Response export(@QueryParam("cardNumbers") String cardNumbers) {
    boolean fullNumbers = fullNumbers(cardNumbers);
    String tenant = adminTenant.of(identity).await().atMost(PAGE_TIMEOUT);
    String by = identity.getPrincipal().getName();
    if (fullNumbers) {
      LOG.infof("%s exports tenant %s's credentials with card numbers in clear", by, tenant);
    }
    StreamingOutput body =
        out -> {
          out.write(CredentialExport.HEADER.getBytes(StandardCharsets.UTF_8));
          UUID after = null;
          while (true) {
            ExportPage page =
                export.page(tenant, after, fullNumbers ? by : null).await().atMost(PAGE_TIMEOUT);
            if (page.last() == null) {
              break;
            }
            out.write(page.lines().getBytes(StandardCharsets.UTF_8));
            out.flush();
            after = page.last();
          }
        };
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"credentials-" + tenant + ".csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private static boolean fullNumbers(String cardNumbers) {
    if (cardNumbers == null) {
      return false;
    }
    if (!"full".equals(cardNumbers)) {
      throw ApiException.badRequest(
          "invalid_parameter", "cardNumbers: full (numbers in clear), or leave it out (masked)");
    }
    return true;
  }
}
