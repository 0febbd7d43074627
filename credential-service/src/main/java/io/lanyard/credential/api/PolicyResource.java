package io.lanyard.credential.api;

import io.lanyard.credential.application.PolicyCommands;
import io.lanyard.credential.domain.CodeAlphabet;
import io.lanyard.credential.domain.CodeSource;
import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.infra.Policies;
import io.lanyard.credentialrules.CardConversion;
import io.lanyard.credentialrules.StepSpec;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The admin's tenant's credential policy: {@code /admin/v1/credential-policy}. */
@Path("/admin/v1/credential-policy")
@RolesAllowed("lanyard-admin")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

  /**
   * A policy as the API shows and takes it. {@code maxCodeAgeDays} null: codes are not rotated;
   * {@code rotationNoticeDays} absent: 7. {@code rotates} is read-only (the sources a rotation
   * replaces; the directory's codes are the directory's): a PUT may leave it out or repeat it.
   */
  public record PolicyBody(
      Integer codeLength,
      String codeAlphabet,
      Integer maxCards,
      List<StepSpec> cardConversion,
      Integer maxCodeAgeDays,
      Integer rotationNoticeDays,
      List<String> rotates) {

    static final List<String> ROTATES =
        CredentialPolicy.ROTATES.stream().map(CodeSource::wire).toList();

    static PolicyBody of(CredentialPolicy policy) {
      return new PolicyBody(
          policy.codeLength(),
          policy.codeAlphabet().wire(),
          policy.maxCards(),
          policy.cardConversion().specs(),
          policy.maxCodeAgeDays(),
          policy.rotationNoticeDays(),
          ROTATES);
    }

    CredentialPolicy policy() {
      if (codeLength == null || codeAlphabet == null || maxCards == null) {
        throw ApiException.badRequest(
            "invalid_request",
            "a policy has codeLength, codeAlphabet, maxCards and cardConversion");
      }
      if (rotates != null
          && (rotates.size() != ROTATES.size()
              || !new HashSet<>(rotates).equals(new HashSet<>(ROTATES)))) {
        throw DomainException.invalidField(
            "rotates", "is read-only: " + String.join(", ", ROTATES) + " (never directory)");
      }
      return new CredentialPolicy(
          codeLength,
          CodeAlphabet.fromWire(codeAlphabet),
          maxCards,
          CardConversion.fromSpecs(cardConversion),
          maxCodeAgeDays,
          rotationNoticeDays == null
              ? CredentialPolicy.DEFAULT_ROTATION_NOTICE_DAYS
              : rotationNoticeDays);
    }
  }

  record Preview(String rawValue) {}

  private final AdminTenant adminTenant;
  private final SecurityIdentity identity;
  private final Policies policies;
  private final PolicyCommands commands;
  private final Pool pool;

  PolicyResource(
      AdminTenant adminTenant,
      SecurityIdentity identity,
      Policies policies,
      PolicyCommands commands,
      Pool pool) {
    this.adminTenant = adminTenant;
    this.identity = identity;
    this.policies = policies;
    this.commands = commands;
    this.pool = pool;
  }

  @GET
  public Uni<PolicyBody> get() {
    return adminTenant
        .of(identity)
        .chain(tenant -> policies.current(pool, tenant))
        .map(PolicyBody::of);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<PolicyBody> put(PolicyBody body) {
    if (body == null) {
      throw ApiException.badRequest("invalid_json", "a policy is a JSON object");
    }
    CredentialPolicy wanted = body.policy();
    return adminTenant
        .of(identity)
        .chain(tenant -> commands.change(tenant, wanted, identity.getPrincipal().getName()))
        .map(PolicyBody::of);
  }

  /** What a reader's raw value becomes under the tenant's conversion rules. */
  @POST
  @Path("/card-conversion/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Map<String, String>> preview(Preview body) {
    if (body == null || body.rawValue() == null) {
      throw ApiException.badRequest("invalid_request", "give the reader's \"rawValue\"");
    }
    return adminTenant
        .of(identity)
        .chain(tenant -> policies.current(pool, tenant))
        .map(policy -> Map.of("cardNumber", policy.cardConversion().convert(body.rawValue())));
  }
}
