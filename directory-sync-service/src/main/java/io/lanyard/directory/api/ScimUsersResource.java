package io.lanyard.directory.api;

import io.lanyard.directory.application.ScimException;
import io.lanyard.directory.application.ScimUserDocuments;
import io.lanyard.directory.application.ScimUserPayload;
import io.lanyard.directory.application.ScimUserQuery;
import io.lanyard.directory.application.ScimUserRow;
import io.lanyard.directory.application.ScimUserSearch;
import io.lanyard.directory.application.ScimUserStore;
import io.lanyard.directory.application.ScimUserWrites;
import io.lanyard.directory.domain.scim.ScimAttributes;
import io.lanyard.kernel.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /Users} of a tenant's SCIM server: every user of the tenant (also those an admin created
 * by hand, so Entra ID can match them), filtered, paged and trimmed as RFC 7644 §3.4.2 describes.
 */
@Path("/scim/v2/tenants/{tenantId}/Users")
@Produces({ScimResponses.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimUsersResource {

  static final String LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private final ScimAuthentication authentication;
  private final ScimBodies bodies;
  private final ScimUserWrites writes;
  private final ScimUserSearch search;
  private final ScimUserStore users;
  private final Pool pool;
  private final String publicUrl;

  ScimUsersResource(
      ScimAuthentication authentication,
      ScimBodies bodies,
      ScimUserWrites writes,
      ScimUserSearch search,
      ScimUserStore users,
      Pool pool,
      @ConfigProperty(name = "lanyard.directory.public-url") String publicUrl) {
    this.authentication = authentication;
    this.bodies = bodies;
    this.writes = writes;
    this.search = search;
    this.users = users;
    this.pool = pool;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @GET
  public Uni<Response> list(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("filter") String filter,
      @QueryParam("startIndex") String startIndex,
      @QueryParam("count") String count,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes) {
    return authentication
        .require(authorization, tenant)
        .chain(
            () ->
                search.find(
                    tenant,
                    ScimUserQuery.plan(filter, startIndex, count, attributes, excludedAttributes),
                    base(tenant)))
        .map(ScimUsersResource::listResponse)
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  @GET
  @Path("/{id}")
  public Uni<Response> get(
      @PathParam("tenantId") String tenant,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("attributes") String attributes,
      @QueryParam("excludedAttributes") String excludedAttributes) {
    return authentication
        .require(authorization, tenant)
        .chain(() -> users.find(pool, tenant, parseId(id)))
        .map(
            found -> {
              ScimUserRow user = found.orElseThrow(() -> notFound(id));
              Map<String, Object> document =
                  ScimAttributes.select(
                      ScimUserDocuments.of(user, base(tenant)),
                      ScimUserQuery.attributeList(attributes, "attributes"),
                      ScimUserQuery.attributeList(excludedAttributes, "excludedAttributes"));
              return Response.ok(document, ScimResponses.MEDIA_TYPE)
                  .header(HttpHeaders.ETAG, ScimUserDocuments.etag(user))
                  .build();
            })
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  @POST
  @Consumes({ScimResponses.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  public Uni<Response> create(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      String body) {
    return authentication
        .require(authorization, tenant)
        .chain(() -> writes.create(tenant, ScimUserPayload.read(bodies.read(body))))
        .map(user -> document(tenant, user, Response.Status.CREATED))
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  @PUT
  @Path("/{id}")
  @Consumes({ScimResponses.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  public Uni<Response> replace(
      @PathParam("tenantId") String tenant,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      String body) {
    return changed(
        tenant,
        id,
        authorization,
        ifMatch,
        user -> writes.replace(tenant, user, ScimUserPayload.read(bodies.read(body))));
  }

  @PATCH
  @Path("/{id}")
  @Consumes({ScimResponses.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  public Uni<Response> patch(
      @PathParam("tenantId") String tenant,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      String body) {
    return changed(
        tenant, id, authorization, ifMatch, user -> writes.patch(tenant, user, bodies.read(body)));
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(
      @PathParam("tenantId") String tenant,
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    return current(tenant, id, authorization, ifMatch)
        .chain(user -> writes.delete(tenant, user))
        .map(ignored -> Response.noContent().build())
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  // The collection takes GET and POST only (RFC 7644 §3.2); the framework would answer a write to
  // it 404, as if /Users did not exist.
  @PUT
  public Response replaceAll() {
    return notAllowedOnCollection();
  }

  @PATCH
  public Response patchAll() {
    return notAllowedOnCollection();
  }

  @DELETE
  public Response deleteAll() {
    return notAllowedOnCollection();
  }

  private static Response notAllowedOnCollection() {
    return Response.fromResponse(
            ScimResponses.error(
                405, null, "/Users takes GET and POST; a user is changed at /Users/{id}"))
        .header(HttpHeaders.ALLOW, "GET, POST")
        .build();
  }

  /** A change to one user, answered with the user after it. */
  private Uni<Response> changed(
      String tenant,
      String id,
      String authorization,
      String ifMatch,
      java.util.function.Function<ScimUserRow, Uni<ScimUserRow>> change) {
    return current(tenant, id, authorization, ifMatch)
        .chain(user -> change.apply(user))
        .map(user -> document(tenant, user, Response.Status.OK))
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  /** The user a write is about, after the token and {@code If-Match} (412 on another version). */
  private Uni<ScimUserRow> current(String tenant, String id, String authorization, String ifMatch) {
    return authentication
        .require(authorization, tenant)
        .chain(() -> users.find(pool, tenant, parseId(id)))
        .map(
            found -> {
              ScimUserRow user = found.orElseThrow(() -> notFound(id));
              if (ifMatch != null
                  && !ifMatch.strip().equals("*")
                  && !ifMatch.strip().equals(ScimUserDocuments.etag(user))) {
                throw new ScimException(
                    412, null, "the user changed: its version is " + ScimUserDocuments.etag(user));
              }
              return user;
            });
  }

  private Response document(String tenant, ScimUserRow user, Response.Status status) {
    return Response.status(status)
        .type(ScimResponses.MEDIA_TYPE)
        .entity(ScimUserDocuments.of(user, base(tenant)))
        .header(HttpHeaders.ETAG, ScimUserDocuments.etag(user))
        .header(HttpHeaders.LOCATION, base(tenant) + "/Users/" + user.id())
        .build();
  }

  private static Response listResponse(ScimUserQuery.Page page) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schemas", List.of(LIST_SCHEMA));
    body.put("totalResults", page.totalResults());
    body.put("startIndex", page.startIndex());
    body.put("itemsPerPage", page.resources().size());
    body.put("Resources", page.resources());
    return ScimResponses.ok(body);
  }

  private String base(String tenant) {
    return publicUrl + "/scim/v2/tenants/" + tenant;
  }

  static UUID parseId(String id) {
    UUID parsed = Ids.parsed(id);
    if (parsed == null) {
      throw notFound(id);
    }
    return parsed;
  }

  static ScimException notFound(String id) {
    return new ScimException(404, null, "no user " + id);
  }
}
