package io.lanyard.credential.api;

import io.lanyard.credential.application.SecretSealer;
import io.lanyard.credential.domain.PersonBinding;
import io.lanyard.credential.infra.CardView;
import io.lanyard.credential.infra.CredentialRecords;
import io.lanyard.credential.infra.PersonLinks;
import io.lanyard.credentialrules.SecretPurposes;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.CarriesSecret;
import io.lanyard.runtime.api.Claims;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A signed-in user's own code, in clear, and their cards, masked: {@code /me/v1/access}. The person
 * is found by their identity provider's subject, never by an email alone (PersonBinding).
 */
@Path("/me/v1/access")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  public record Access(String accessCode, List<CardView> cards) {}

  private final AdminTenant tenant;
  private final SecurityIdentity identity;
  private final PersonLinks links;
  private final CredentialRecords records;
  private final SecretSealer sealer;
  private final Pool pool;

  MeResource(
      AdminTenant tenant,
      SecurityIdentity identity,
      PersonLinks links,
      CredentialRecords records,
      SecretSealer sealer,
      Pool pool) {
    this.tenant = tenant;
    this.identity = identity;
    this.links = links;
    this.records = records;
    this.sealer = sealer;
    this.pool = pool;
  }

  @GET
  @CarriesSecret
  public Uni<Access> mine() {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)
        || token.getIssuer() == null
        || token.getSubject() == null) {
      throw DomainException.forbidden("no_subject", "the token names no subject");
    }
    return tenant
        .of(identity)
        .chain(tenantId -> whoIs(token, tenantId).chain(user -> access(tenantId, user)));
  }

  /** The user this person is (PersonBinding), linking them on the way when they may be. */
  private Uni<UUID> whoIs(JsonWebToken token, String tenantId) {
    String email = Claims.text(token, "email");
    boolean verified = "true".equals(Claims.text(token, "email_verified"));
    Uni<Optional<PersonBinding.KnownUser>> byEmail =
        email == null || !verified
            ? Uni.createFrom().item(Optional.empty())
            : links.byEmail(tenantId, email);
    return links
        .linked(token.getIssuer(), token.getSubject(), tenantId)
        .chain(
            linked ->
                (linked.filter(user -> !user.deleted()).isPresent()
                        ? Uni.createFrom().item(Optional.<PersonBinding.KnownUser>empty())
                        : byEmail)
                    .map(found -> PersonBinding.decide(linked, verified, found)))
        .chain(
            decision ->
                decision.link()
                    ? links
                        .link(token.getIssuer(), token.getSubject(), tenantId, decision.userId())
                        .replaceWith(decision.userId())
                    : Uni.createFrom().item(decision.userId()));
  }

  private Uni<Access> access(String tenantId, UUID user) {
    return records
        .view(pool, user)
        .map(
            view ->
                new Access(
                    view.codeCiphertext() == null
                        ? null
                        : sealer.open(tenantId, SecretPurposes.ACCESS_CODE, view.codeCiphertext()),
                    view.cards()));
  }
}
