package io.lanyard.credential.application;

import io.lanyard.credential.domain.CredentialPolicy;
import io.lanyard.credential.domain.PolicyEvent;
import io.lanyard.credential.infra.CredentialEventCodecs;
import io.lanyard.credential.infra.Policies;
import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Changes a tenant's credential policy (stream {@code policy:<tenant>}). */
@ApplicationScoped
public class PolicyCommands {

  private final CommandExecutor<CredentialPolicy, PolicyEvent> executor;
  private final Policies policies;

  PolicyCommands(PgEventStore store, Policies policies) {
    this.policies = policies;
    this.executor =
        new CommandExecutor<>(
            store,
            CredentialEventCodecs.POLICIES,
            "policy",
            PolicyEvent::current,
            policies::apply,
            ConflictRetry.defaults());
  }

  public Uni<CredentialPolicy> change(String tenantId, CredentialPolicy wanted, String by) {
    return executor.execute(
        "policy:" + tenantId,
        tenantId,
        current -> PolicyEvent.change(tenantId, current, wanted, by),
        tx -> policies.current(tx, tenantId));
  }
}
