package io.lanyard.web.client;

import io.lanyard.credentialrules.StepSpec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** credential-service's credential policy of the admin's tenant. */
@RegisterRestClient(configKey = "credential-service")
@RegisterClientHeaders(ForwardedAccessToken.class)
@Path("/admin/v1/credential-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PolicyApi {

  record Policy(
      Integer codeLength, String codeAlphabet, Integer maxCards, List<StepSpec> cardConversion) {}

  @GET
  Policy get();

  @PUT
  Policy put(Policy policy);
}
