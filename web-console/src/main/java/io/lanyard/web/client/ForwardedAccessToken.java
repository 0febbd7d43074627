package io.lanyard.web.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The signed-in person's own access token on every call to a service, so that each service applies
 * its own rules (roles, the tenant from the token, the audit of reveals) to the person, not to the
 * console. The console has no identity of its own towards the services.
 */
@ApplicationScoped
public class ForwardedAccessToken implements ClientHeadersFactory {

  @Inject SecurityIdentity identity;

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
    if (token != null) {
      headers.add("Authorization", "Bearer " + token.getToken());
    }
    return headers;
  }
}
