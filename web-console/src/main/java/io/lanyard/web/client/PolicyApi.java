package io.lanyard.web.client;

import com.fasterxml.jackson.annotation.JsonInclude;
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

  /**
   * {@code maxCodeAgeDays} null is "no rotation" and is sent as null; {@code rotates} (which code
   * sources the policy rotates) is the service's to say: read, never sent.
   */
  record Policy(
      Integer codeLength,
      String codeAlphabet,
      Integer maxCards,
      List<StepSpec> cardConversion,
      Integer maxCodeAgeDays,
      Integer rotationNoticeDays,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> rotates) {}

  @GET
  Policy get();

  @PUT
  Policy put(Policy policy);
}
