package io.lanyard.credential.api;

import io.lanyard.credential.api.CredentialResource.Masked;
import io.lanyard.credential.infra.CredentialView;
import io.lanyard.credential.infra.Policies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * A user's credentials as every admin-facing answer shows them: with when the tenant's policy
 * rotates the code (so the policy is read) and whether it has expired by the clock now.
 */
@ApplicationScoped
class CredentialAnswers {

  private final Policies policies;
  private final Pool pool;
  private final Clock clock;

  CredentialAnswers(Policies policies, Pool pool, Clock clock) {
    this.policies = policies;
    this.pool = pool;
    this.clock = clock;
  }

  Uni<Masked> masked(String tenantId, CredentialView view) {
    return policies.current(pool, tenantId).map(policy -> Masked.of(view, policy, clock.instant()));
  }
}
