package io.lanyard.identity.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.io.InputStream;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * credential-service's part of a tenant's archive (its JSON lines: credentials with cards masked,
 * the credential history), called with identity-service's client-credentials identity, its only
 * named caller.
 */
@RegisterRestClient(configKey = "credential-service")
@OidcClientFilter
@Path("/internal/v1/tenants/{tenantId}/archive")
public interface CredentialArchiveClient {

  /** Blocking: read on the worker thread that writes the archive. */
  @GET
  @Produces("application/x-ndjson")
  InputStream archive(@PathParam("tenantId") String tenantId);
}
