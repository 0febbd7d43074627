package io.lanyard.identity.api;

import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.UserDirectory;
import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.Ids;
import io.lanyard.runtime.api.ApiException;
import io.lanyard.runtime.api.InternalCallers;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * credential-service: which of the users a command names exist in the path's tenant. It asks for
 * users it has not heard of yet (a directory's new user, whose {@code UserCreated} is still on its
 * way), so that no command gives credentials to a user that exists nowhere or in another tenant.
 */
@Path("/internal/v1/tenants/{tenantId}/users/existing")
@RolesAllowed("lanyard-service")
@InternalCallers(InternalCallers.CREDENTIAL)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalUserExistenceResource {

  private static final int MOST_AT_ONCE = 1000;

  public record UserIds(List<String> ids) {}

  private final TenantDirectory tenants;
  private final UserDirectory users;

  InternalUserExistenceResource(TenantDirectory tenants, UserDirectory users) {
    this.tenants = tenants;
    this.users = users;
  }

  @POST
  public Uni<UserIds> existing(@PathParam("tenantId") String tenantId, UserIds body) {
    if (body == null || body.ids() == null || body.ids().size() > MOST_AT_ONCE) {
      throw ApiException.badRequest(
          "invalid_request", "the body is {\"ids\":[...]} with at most " + MOST_AT_ONCE + " ids");
    }
    List<UUID> ids = new ArrayList<>();
    for (String id : body.ids()) {
      UUID parsed = Ids.parsed(id);
      if (parsed == null) {
        throw DomainException.invalidField("ids", "holds something that is not a user id");
      }
      ids.add(parsed);
    }
    return tenants
        .requireActive(tenantId)
        .chain(() -> users.existing(tenantId, ids))
        .map(found -> new UserIds(found.stream().map(UUID::toString).toList()));
  }
}
