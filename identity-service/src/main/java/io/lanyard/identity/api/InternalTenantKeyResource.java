package io.lanyard.identity.api;

import io.lanyard.identity.infra.TenantKeyStore;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.TenantIds;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.lanyard.runtime.api.InternalCallers;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The tenants' own keys (ADR 7), for the services that derive a tenant's HMAC and AES keys from
 * their rings and this key ({@code TenantKeys}): {@code POST /internal/v1/tenant-keys
 * {"tenantIds":[…]}} answers each tenant with its key, as legacy (made before tenant keys: the
 * rings alone), as erased (its key is destroyed), or as unknown. Inside the cluster only; the
 * answer is never stored ({@code Cache-Control: no-store}) and no key is ever logged.
 */
@Path("/internal/v1/tenant-keys")
@RolesAllowed("lanyard-service")
@InternalCallers({
  InternalCallers.NOTIFICATION,
  InternalCallers.DIRECTORY_SYNC,
  InternalCallers.DEVICE_GATEWAY,
  InternalCallers.CREDENTIAL
})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalTenantKeyResource {

  static final int MOST_AT_ONCE = 100;

  public record KeysRequest(
      @Schema(
              description = "tenant ids (slugs), 1 to 100",
              required = true,
              minItems = 1,
              maxItems = 100)
          List<String> tenantIds) {}

  /** One tenant's key, base64url (32 bytes). Its text shows no key. */
  public record TenantKey(String tenantId, String key) {

    @Override
    public String toString() {
      return "TenantKey[tenantId=" + tenantId + "]";
    }
  }

  /** Every tenant asked about, in exactly one of the four lists. */
  public record Keys(
      @Schema(description = "the tenants' keys") List<TenantKey> keys,
      @Schema(description = "tenants made before tenant keys: their keys come from the rings alone")
          List<String> legacy,
      @Schema(description = "tenants whose key an erasure destroyed") List<String> erased,
      @Schema(description = "no such tenant") List<String> unknown) {

    @Override
    public String toString() {
      return "Keys["
          + keys
          + ", legacy="
          + legacy
          + ", erased="
          + erased
          + ", unknown="
          + unknown
          + "]";
    }
  }

  private final TenantKeyStore store;

  InternalTenantKeyResource(TenantKeyStore store) {
    this.store = store;
  }

  @POST
  @CarriesSecret
  @Operation(
      summary = "the tenants' own keys (ADR 7)",
      description =
          "For notification-service, directory-sync-service, device-gateway and"
              + " credential-service only (403 forbidden_caller for another service).")
  @APIResponse(
      responseCode = "200",
      description = "each tenant as a key, legacy, erased or unknown")
  @APIResponse(
      responseCode = "400",
      description = "invalid_request (no body, none or more than 100 tenants), invalid_tenant_ids")
  public Uni<Keys> keys(KeysRequest body) {
    if (body == null
        || body.tenantIds() == null
        || body.tenantIds().isEmpty()
        || body.tenantIds().size() > MOST_AT_ONCE) {
      throw ApiException.badRequest(
          "invalid_request",
          "the body is {\"tenantIds\":[...]} with 1 to " + MOST_AT_ONCE + " tenant ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : body.tenantIds()) {
      if (!TenantIds.valid(id)) {
        throw DomainException.invalidField("tenantIds", TenantIds.RULE);
      }
      ids.add(id);
    }
    return store.answer(List.copyOf(ids)).map(InternalTenantKeyResource::keys);
  }

  @GET
  @CarriesSecret
  @Operation(
      summary = "every tenant's own key (ADR 7), for a service's start",
      description = "The same callers; tenants are few, so one answer holds them all.")
  @APIResponse(responseCode = "200", description = "each tenant as a key, legacy or erased")
  public Uni<Keys> all() {
    return store.answerAll().map(InternalTenantKeyResource::keys);
  }

  private static Keys keys(TenantKeyStore.Answer answer) {
    List<TenantKey> keys = new ArrayList<>();
    answer.keys().forEach((tenant, key) -> keys.add(new TenantKey(tenant, key.encoded())));
    return new Keys(keys, answer.legacy(), answer.erased(), answer.unknown());
  }
}
