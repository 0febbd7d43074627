package io.lanyard.credential.api;

import io.lanyard.credential.domain.PersonBinding;
import io.lanyard.credential.infra.PersonLinks;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.AdminTenant;
import io.lanyard.runtime.api.Claims;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The Lanyard user a signed-in person is, for the self-service calls ({@code /me/v1}): found by
 * their identity provider's subject, never by an email alone (PersonBinding), and linked on the way
 * the first time, when they may be.
 */
@ApplicationScoped
public class SignedInUser {

  /** The person's user, and the tenant their token acts in. */
  public record Me(String tenantId, UUID userId) {}

  private final AdminTenant tenant;
  private final PersonLinks links;

  SignedInUser(AdminTenant tenant, PersonLinks links) {
    this.tenant = tenant;
    this.links = links;
  }

  /**
   * @throws DomainException 403 {@code no_subject}, {@code email_not_verified} or {@code
   *     user_inactive}; 404 when the person is no user of the tenant
   */
  public Uni<Me> of(SecurityIdentity identity) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)
        || token.getIssuer() == null
        || token.getSubject() == null) {
      throw DomainException.forbidden("no_subject", "the token names no subject");
    }
    return tenant
        .of(identity)
        .chain(tenantId -> whoIs(token, tenantId).map(user -> new Me(tenantId, user)));
  }

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
}
