package io.lanyard.identity.api;

import io.lanyard.identity.application.UserImports;
import io.lanyard.identity.domain.ImportMode;
import io.lanyard.identity.infra.ImportDirectory;
import io.lanyard.identity.infra.ImportView;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * CSV imports of users into the admin's tenant: {@code /admin/v1/user-imports}. A POST queues the
 * import (202 with the job); the worker runs it; GET follows it, DELETE cancels it.
 */
@Path("/admin/v1/user-imports")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class UserImportResource {

  /** The largest CSV taken (10 MiB): 100,000 lines of users fit with room to spare. */
  public static final int MOST_BYTES = 10 * 1024 * 1024;

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final UserImports imports;
  private final ImportDirectory directory;

  UserImportResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      UserImports imports,
      ImportDirectory directory) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.imports = imports;
    this.directory = directory;
  }

  @POST
  @Consumes("text/csv")
  public Uni<Response> queue(
      @Parameter(
              required = true,
              description =
                  "all_or_nothing: check every line first, write nothing if one is bad;"
                      + " per_line: create the good lines, report the bad",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"all_or_nothing", "per_line"}))
          @QueryParam("mode")
          String mode,
      byte[] body) {
    ImportMode checkedMode = ImportMode.fromWire(mode);
    if (body != null && body.length > MOST_BYTES) {
      throw tooLarge();
    }
    String csv = utf8(body == null ? new byte[0] : body);
    return adminTenant
        .of(identity)
        .chain(tenant -> imports.queue(tenant, checkedMode, csv, identity.getPrincipal().getName()))
        .map(job -> Response.status(202).entity(job).build());
  }

  static ApiException tooLarge() {
    return new ApiException(
        413, "too_large", "a user import is at most " + MOST_BYTES + " bytes (10 MiB)");
  }

  /** The body as UTF-8, every byte of it: a file in another encoding is not guessed at. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      throw ApiException.badRequest("invalid_csv", "the CSV is not UTF-8 text");
    }
  }

  /** The tenant's imports, newest first (without their results). */
  @GET
  public Uni<Page<ImportView>> list(
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page")
          String page,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
          @QueryParam("size")
          String size) {
    int checkedPage = Page.page(page);
    int checkedSize = Page.size(size);
    return adminTenant
        .of(identity)
        .chain(tenant -> directory.list(tenant, checkedPage, checkedSize));
  }

  /** One import, with a page of its lines' outcomes (by line). */
  @GET
  @Path("/{id}")
  public Uni<ImportView> get(
      @PathParam("id") String id,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page")
          String page,
      @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
          @QueryParam("size")
          String size) {
    int checkedPage = Page.page(page);
    int checkedSize = Page.size(size);
    UUID importId = Ids.named(id, "user import");
    return adminTenant
        .of(identity)
        .chain(tenant -> directory.find(tenant, importId))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("user import")))
        .chain(
            job ->
                directory
                    .results(job, checkedPage, checkedSize)
                    .map(results -> job.withResults(results)));
  }

  /** Cancels: 200 with the import, cancelled; 409 {@code job_finished} if it had ended. */
  @DELETE
  @Path("/{id}")
  public Uni<ImportView> cancel(@PathParam("id") String id) {
    return adminTenant.of(identity).chain(tenant -> imports.cancel(tenant, id));
  }
}
