package io.lanyard.identity.api;

import io.lanyard.identity.application.DataKeys;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.kernel.TenantIds;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.CarriesSecret;
import io.lanyard.runtime.api.InternalCallers;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The users' data keys (ADR 7), for the services that hold personal data sealed under them and
 * cache the keys: {@code POST /internal/v1/data-keys {"tenantId","userIds":[…]}} answers each id as
 * a key, as erased (the key is destroyed), or as unknown (no user of that tenant: never one, or
 * another tenant's, which is not told apart). Inside the cluster, not on the public Ingress; the
 * answer is never stored ({@code Cache-Control: no-store}) and no key is ever logged.
 *
 * <p>The tenant's state does not matter: a suspended tenant's data is still there to be read (its
 * consumers and replays need the keys), and an unknown tenant has no users, so all its ids are
 * unknown.
 */
@Path("/internal/v1/data-keys")
@RolesAllowed("lanyard-service")
@InternalCallers({
  InternalCallers.NOTIFICATION,
  InternalCallers.DIRECTORY_SYNC,
  InternalCallers.DEVICE_GATEWAY,
  InternalCallers.CREDENTIAL
})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalDataKeyResource {

  static final int MOST_AT_ONCE = 1000;

  public record KeysRequest(
      @Schema(description = "the users' tenant (slug)", required = true) String tenantId,
      @Schema(description = "user ids, 1 to 1000", required = true, minItems = 1, maxItems = 1000)
          List<String> userIds) {}

  /** One user's key, {@code DataKey.encoded()} (base64url, 32 bytes). Its text shows no key. */
  public record UserKey(String userId, String key) {

    @Override
    public String toString() {
      return "UserKey[userId=" + userId + "]";
    }
  }

  /** Every id asked about, in exactly one of the three lists. */
  public record Keys(
      @Schema(description = "the keys of the tenant's users (deleted ones too, until erased)")
          List<UserKey> keys,
      @Schema(description = "the tenant's users whose key was destroyed by an erasure")
          List<String> erased,
      @Schema(description = "ids that are no user of the tenant") List<String> unknown) {

    @Override
    public String toString() {
      return "Keys[" + keys + ", erased=" + erased + ", unknown=" + unknown + "]";
    }
  }

  private final DataKeys dataKeys;

  InternalDataKeyResource(DataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  @POST
  @CarriesSecret
  @Operation(
      summary = "the data keys of users of a tenant (ADR 7)",
      description =
          "For notification-service, directory-sync-service, device-gateway and"
              + " credential-service only (403 forbidden_caller for another service).")
  @APIResponse(responseCode = "200", description = "each id as a key, erased or unknown")
  @APIResponse(
      responseCode = "400",
      description =
          "invalid_request (no body, no userIds, none or more than 1000), invalid_tenant_id,"
              + " invalid_user_ids (one is no user id)")
  public Uni<Keys> keys(KeysRequest body) {
    if (body == null
        || body.userIds() == null
        || body.userIds().isEmpty()
        || body.userIds().size() > MOST_AT_ONCE) {
      throw ApiException.badRequest(
          "invalid_request",
          "the body is {\"tenantId\":\"...\",\"userIds\":[...]} with 1 to "
              + MOST_AT_ONCE
              + " user ids");
    }
    if (!TenantIds.valid(body.tenantId())) {
      throw DomainException.invalidField("tenantId", TenantIds.RULE);
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (String id : body.userIds()) {
      UUID parsed = Ids.parsed(id);
      if (parsed == null) {
        throw DomainException.invalidField("userIds", "holds something that is not a user id");
      }
      ids.add(parsed);
    }
    return dataKeys
        .of(body.tenantId(), List.copyOf(ids))
        .map(
            answer -> {
              List<UserKey> keys = new ArrayList<>();
              answer
                  .keys()
                  .forEach(
                      (userId, key) -> keys.add(new UserKey(userId.toString(), key.encoded())));
              return new Keys(
                  keys,
                  answer.erased().stream().map(UUID::toString).toList(),
                  answer.unknown().stream().map(UUID::toString).toList());
            });
  }
}
