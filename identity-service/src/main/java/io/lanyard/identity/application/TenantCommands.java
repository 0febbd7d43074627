package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.Tenant;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * Creates and suspends tenants and changes their settings; each command also updates the tenants
 * read model.
 */
@ApplicationScoped
public class TenantCommands {

  private final CommandExecutor<Tenant, TenantEvent> executor;
  private final TenantDirectory tenants;

  TenantCommands(PgEventStore store, TenantDirectory tenants) {
    this.tenants = tenants;
    this.executor =
        new CommandExecutor<>(
            store,
            IdentityEventCodecs.TENANTS,
            "tenant",
            Tenant::fold,
            tenants::apply,
            ConflictRetry.defaults());
  }

  public Uni<TenantView> create(String tenantId, String name) {
    return execute(Tenant.checkedId(tenantId), tenant -> tenant.create(tenantId, name));
  }

  public Uni<TenantView> suspend(String tenantId) {
    return execute(tenantId, Tenant::suspend);
  }

  /** The admin's tenant's settings, recorded on the tenant's stream; answers them after. */
  public Uni<TenantSettings> changeSettings(
      String tenantId, TenantSettings wanted, String changedBy) {
    return executor.execute(
        tenantId,
        tenantId,
        tenant -> tenant.changeSettings(wanted, changedBy),
        tx -> tenants.settings(tx, tenantId));
  }

  private Uni<TenantView> execute(String tenantId, Function<Tenant, List<TenantEvent>> decide) {
    return executor.execute(
        tenantId,
        tenantId,
        decide,
        tx ->
            tenants
                .find(tx, tenantId)
                .map(view -> view.orElseThrow(() -> DomainException.notFound("tenant"))));
  }
}
