package io.lanyard.runtime.personal;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * identity-service's key API (ADR 7), called with this service's client-credentials identity: the
 * data keys of users of a tenant, at most {@link #MOST_AT_ONCE} at a time.
 */
@RegisterRestClient(configKey = "identity-service")
@OidcClientFilter
@Path("/internal/v1/data-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DataKeyClient {

  int MOST_AT_ONCE = 1000;

  record KeysRequest(String tenantId, List<String> userIds) {}

  /** One user's key, base64url. Its text shows no key. */
  record UserKey(String userId, String key) {
    @Override
    public String toString() {
      return "UserKey[userId=" + userId + "]";
    }
  }

  /** Every id asked about, in exactly one of the lists. */
  record Keys(List<UserKey> keys, List<String> erased, List<String> unknown) {
    @Override
    public String toString() {
      return "Keys[" + keys + ", erased=" + erased + ", unknown=" + unknown + "]";
    }
  }

  @POST
  Uni<Keys> keys(KeysRequest request);
}
