package io.lanyard.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanyard.kernel.TenantIds;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this SCIM server supports, as RFC 7643 §5–7 describe it: exactly Users with the PaperCut
 * extension, filters, PATCH and ETags; no Groups, bulk, sorting or password changes. The discovery
 * documents need no token; {@code /Groups} answers 501 to a client with a valid one.
 */
@Path("/scim/v2/tenants/{tenantId}")
@Produces({ScimResponses.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimDiscoveryResource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String publicUrl;
  private final ScimAuthentication authentication;

  ScimDiscoveryResource(
      @ConfigProperty(name = "lanyard.directory.public-url") String publicUrl,
      ScimAuthentication authentication) {
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.authentication = authentication;
  }

  @GET
  @Path("/ServiceProviderConfig")
  public Response serviceProviderConfig(@PathParam("tenantId") String tenant) {
    return described(tenant, "ServiceProviderConfig", ScimResponses::ok);
  }

  @GET
  @Path("/ResourceTypes")
  public Response resourceTypes(@PathParam("tenantId") String tenant) {
    return described(tenant, "ResourceTypes", ScimResponses::ok);
  }

  @GET
  @Path("/ResourceTypes/{name}")
  public Response resourceType(
      @PathParam("tenantId") String tenant, @PathParam("name") String name) {
    return described(tenant, "ResourceTypes", list -> one(list, name, "resource type"));
  }

  @GET
  @Path("/Schemas")
  public Response schemas(@PathParam("tenantId") String tenant) {
    return described(tenant, "Schemas", ScimResponses::ok);
  }

  @GET
  @Path("/Schemas/{id}")
  public Response schema(@PathParam("tenantId") String tenant, @PathParam("id") String id) {
    return described(tenant, "Schemas", list -> one(list, id, "schema"));
  }

  @Path("/Groups{rest: .*}")
  @GET
  public Uni<Response> groups(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return groupsUnsupported(tenant, authorization);
  }

  @Path("/Groups{rest: .*}")
  @POST
  public Uni<Response> createGroup(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return groupsUnsupported(tenant, authorization);
  }

  @Path("/Groups{rest: .*}")
  @PUT
  public Uni<Response> replaceGroup(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return groupsUnsupported(tenant, authorization);
  }

  @Path("/Groups{rest: .*}")
  @PATCH
  public Uni<Response> patchGroup(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return groupsUnsupported(tenant, authorization);
  }

  @Path("/Groups{rest: .*}")
  @DELETE
  public Uni<Response> deleteGroup(
      @PathParam("tenantId") String tenant,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return groupsUnsupported(tenant, authorization);
  }

  /** Every method on {@code /Groups}: 501 with SCIM's error, to a client with a valid token. */
  private Uni<Response> groupsUnsupported(String tenant, String authorization) {
    return authentication
        .require(authorization, tenant)
        .map(
            ignored ->
                ScimResponses.error(
                    501, null, "Groups are not supported: this service provisions users only"))
        .onFailure()
        .recoverWithItem(ScimResponses::failure);
  }

  /**
   * A discovery document of a tenant. An id that is no tenant id (a slug) names no tenant: 404,
   * rather than a document built around whatever the path held.
   */
  private Response described(
      String tenant, String name, java.util.function.Function<JsonNode, Response> answer) {
    if (!TenantIds.valid(tenant)) {
      return ScimResponses.error(404, null, "no such tenant: a tenant id is " + TenantIds.RULE);
    }
    return answer.apply(document(name, tenant));
  }

  private static Response one(JsonNode list, String id, String what) {
    for (JsonNode resource : list.get("Resources")) {
      if (resource.get("id").asText().equalsIgnoreCase(id)) {
        return ScimResponses.ok(resource);
      }
    }
    return ScimResponses.error(404, null, "no " + what + " " + id);
  }

  private JsonNode document(String name, String tenant) {
    try (InputStream in =
        ScimDiscoveryResource.class.getResourceAsStream("/scim/" + name + ".json")) {
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("{base}", publicUrl + "/scim/v2/tenants/" + tenant);
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
