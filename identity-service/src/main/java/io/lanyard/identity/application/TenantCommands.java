package io.lanyard.identity.application;

import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.eventstore.StreamId;
import io.lanyard.identity.domain.Tenant;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * Creates and suspends tenants: load the tenant's stream, decide, append, update the read model.
 */
@ApplicationScoped
public class TenantCommands {

  private final PgEventStore store;
  private final TenantDirectory tenants;
  private final ConflictRetry retry = ConflictRetry.defaults();

  TenantCommands(PgEventStore store, TenantDirectory tenants) {
    this.store = store;
    this.tenants = tenants;
  }

  public Uni<TenantView> create(String tenantId, String name) {
    return execute(Tenant.checkedId(tenantId), tenant -> tenant.create(tenantId, name));
  }

  public Uni<TenantView> suspend(String tenantId) {
    return execute(tenantId, Tenant::suspend);
  }

  private Uni<TenantView> execute(String tenantId, Function<Tenant, List<TenantEvent>> decide) {
    return retry.run(
        () ->
            store.inTransaction(
                tx ->
                    store
                        .load(tx, tenantId)
                        .chain(
                            stream -> {
                              Tenant tenant =
                                  Tenant.fold(IdentityEventCodecs.TENANTS.decode(stream));
                              List<TenantEvent> events = decide.apply(tenant);
                              return store
                                  .append(
                                      tx,
                                      new StreamId("tenant", tenantId, tenantId),
                                      stream.version(),
                                      IdentityEventCodecs.TENANTS.encode(events))
                                  .chain(() -> project(tx, events));
                            })
                        .chain(() -> tenants.find(tx, tenantId))
                        .map(view -> view.orElseThrow(() -> DomainException.notFound("tenant")))));
  }

  private Uni<Void> project(SqlConnection tx, List<TenantEvent> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (TenantEvent event : events) {
      chain = chain.chain(() -> tenants.apply(tx, event));
    }
    return chain;
  }
}
