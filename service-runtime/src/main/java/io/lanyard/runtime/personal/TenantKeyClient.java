package io.lanyard.runtime.personal;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * identity-service's tenant key API (ADR 7), called with this service's client-credentials
 * identity: the tenants' own keys, some ({@link #keys}) or all at once ({@link #all}, at start).
 */
@RegisterRestClient(configKey = "identity-service")
@OidcClientFilter
@Path("/internal/v1/tenant-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TenantKeyClient {

  int MOST_AT_ONCE = 100;

  record KeysRequest(List<String> tenantIds) {}

  /** One tenant's key, base64url. Its text shows no key. */
  record TenantKey(String tenantId, String key) {
    @Override
    public String toString() {
      return "TenantKey[tenantId=" + tenantId + "]";
    }
  }

  /** Every tenant asked about, in exactly one of the lists. */
  record Keys(
      List<TenantKey> keys, List<String> legacy, List<String> erased, List<String> unknown) {
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

  @POST
  Uni<Keys> keys(KeysRequest request);

  @GET
  Uni<Keys> all();
}
