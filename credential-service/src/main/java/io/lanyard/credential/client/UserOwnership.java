package io.lanyard.credential.client;

import io.lanyard.credential.infra.KnownUsers;
import io.lanyard.runtime.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
                  .transform(
                      failure -> {
                        LOG.warnf(
                            "identity-service could not confirm users: %s", failure.toString());
                        return new ApiException(
                            503,
                            "identity_unavailable",
                            "identity-service could not confirm the users; try again");
                      })
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
}
