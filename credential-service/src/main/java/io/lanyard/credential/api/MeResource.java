package io.lanyard.credential.api;

import io.lanyard.credential.application.SecretSealer;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A signed-in user's own code, in clear, and their cards, masked: {@code /me/v1/access}. */
@Path("/me/v1/access")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  public record Access(String accessCode, List<CardView> cards) {}

  private final AdminTenant tenant;
  private final SecurityIdentity identity;
  private final KnownUsers users;
  private final CredentialRecords records;
  private final SecretSealer sealer;
  private final Pool pool;

  MeResource(
      AdminTenant tenant,
      SecurityIdentity identity,
      KnownUsers users,
      CredentialRecords records,
      SecretSealer sealer,
      Pool pool) {
    this.tenant = tenant;
    this.identity = identity;
    this.users = users;
    this.records = records;
    this.sealer = sealer;
    this.pool = pool;
  }

  @GET
  public Uni<Access> mine() {
    Object email =
        identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim("email") : null;
    if (email == null) {
      throw DomainException.notFound("user");
    }
    return tenant
        .of(identity)
        .chain(
            tenantId ->
                users
                    .byEmail(tenantId, email.toString().replace("\"", ""))
                    .chain(
                        user ->
                            records
                                .view(
                                    pool, user.orElseThrow(() -> DomainException.notFound("user")))
                                .map(
                                    view ->
                                        new Access(
                                            view.codeCiphertext() == null
                                                ? null
                                                : sealer.open(
                                                    tenantId,
                                                    SecretPurposes.ACCESS_CODE,
                                                    view.codeCiphertext()),
                                            view.cards()))));
  }
}
