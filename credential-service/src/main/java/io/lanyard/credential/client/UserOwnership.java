package io.lanyard.credential.client;

import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.kernel.DomainException;
import io.lanyard.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Which of the users a directory's command names belong to the path's tenant. What this service
 * knows from identity's events decides first; a user it has not heard of (a directory's new user,
 * whose {@code UserCreated} is still on its way) is confirmed by identity-service, so that no
 * command gives credentials to a user that exists nowhere or in another tenant.
 */
@ApplicationScoped
public class UserOwnership {

  private static final Logger LOG = Logger.getLogger(UserOwnership.class);

  private final KnownUsers known;
  private final IdentityServiceClient identity;

  UserOwnership(KnownUsers known, @RestClient IdentityServiceClient identity) {
    this.known = known;
    this.identity = identity;
  }

  /** The users of {@code ids} that are the tenant's (not deleted). */
  public Uni<Set<UUID>> ofTenant(String tenantId, Collection<UUID> ids) {
    return known
        .tenantsOf(ids)
        .chain(
            tenants -> {
              Set<UUID> confirmed = new HashSet<>();
              List<UUID> unheardOf = new java.util.ArrayList<>();
              for (UUID id : new HashSet<>(ids)) {
                KnownUsers.Membership membership = tenants.get(id);
                if (membership == null) {
                  unheardOf.add(id);
                } else if (membership.tenantId().equals(tenantId) && !membership.deleted()) {
                  confirmed.add(id);
                }
              }
              if (unheardOf.isEmpty()) {
                return Uni.createFrom().item(confirmed);
              }
              return identity
                  .existing(
                      tenantId,
                      new IdentityServiceClient.UserIds(
                          unheardOf.stream().map(UUID::toString).toList()))
                  .onFailure()
                  .transform(UserOwnership::asAnswer)
                  .map(
                      answer -> {
                        answer.ids().stream()
                            .map(UUID::fromString)
                            .filter(unheardOf::contains)
                            .forEach(confirmed::add);
                        return confirmed;
                      });
            });
  }

  /**
   * The users of {@code ids} a dry run may try credentials out for: the tenant's, and those no
   * tenant has yet — an import checks its lines before it creates their users, so their ids exist
   * nowhere. Nothing is written in a dry run, so an id that never becomes a user costs nothing; an
   * id of another tenant's user is still refused, so a dry run tells nothing about it.
   */
  public Uni<Set<UUID>> forDryRun(String tenantId, Collection<UUID> ids) {
    return known
        .tenantsOf(ids)
        .map(
            tenants -> {
              Set<UUID> allowed = new HashSet<>();
              for (UUID id : ids) {
                KnownUsers.Membership membership = tenants.get(id);
                if (membership == null
                    || (membership.tenantId().equals(tenantId) && !membership.deleted())) {
                  allowed.add(id);
                }
              }
              return allowed;
            });
  }

  /**
   * identity-service's refusal, told apart: a tenant it does not know (or has suspended) is the
   * caller's 404; a refusal of this service's own credentials is a misconfiguration an operator
   * must fix (logged as an error); anything else is identity being away, worth a retry.
   */
  static Throwable asAnswer(Throwable failure) {
    int status =
        failure instanceof WebApplicationException refused && refused.getResponse() != null
            ? refused.getResponse().getStatus()
            : 0;
    if (status == 404) {
      return DomainException.notFound("tenant");
    }
    if (status == 401 || status == 403) {
      LOG.errorf(
          "identity-service refused credential-service's own token (%d): check its client and"
              + " audience",
          status);
      return new ApiException(
          503,
          "identity_refused",
          "identity-service refused to confirm the users; an operator must check the services'"
              + " credentials");
    }
    LOG.warnf("identity-service could not confirm users: %s", failure.toString());
    return new ApiException(
        503, "identity_unavailable", "identity-service could not confirm the users; try again");
  }
}
