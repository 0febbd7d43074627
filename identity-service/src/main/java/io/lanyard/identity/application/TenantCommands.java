package io.lanyard.identity.application;

import io.lanyard.eventstore.CommandExecutor;
import io.lanyard.eventstore.ConflictRetry;
import io.lanyard.eventstore.PgEventStore;
import io.lanyard.identity.domain.Tenant;
import io.lanyard.identity.domain.TenantEvent;
import io.lanyard.identity.domain.TenantSettings;
import io.lanyard.identity.infra.DataKeyStore;
import io.lanyard.identity.infra.ErasedTenantRows;
import io.lanyard.identity.infra.IdentityEventCodecs;
import io.lanyard.identity.infra.TenantDirectory;
import io.lanyard.identity.infra.TenantKeyStore;
import io.lanyard.identity.infra.TenantView;
import io.lanyard.kernel.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
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
  private final TenantKeyStore keys;
  private final DataKeyStore dataKeys;
  private final ErasedTenantRows rows;

  TenantCommands(
      PgEventStore store,
      TenantDirectory tenants,
      TenantKeyStore keys,
      DataKeyStore dataKeys,
      ErasedTenantRows rows) {
    this.tenants = tenants;
    this.keys = keys;
    this.dataKeys = dataKeys;
    this.rows = rows;
    this.executor =
        new CommandExecutor<>(
            store,
            IdentityEventCodecs.TENANTS,
            "tenant",
            Tenant::fold,
            tenants::apply,
            ConflictRetry.defaults());
  }

  /** A new tenant, with its own key (ADR 7) made in the same transaction. */
  public Uni<TenantView> create(String tenantId, String name) {
    String id = Tenant.checkedId(tenantId);
    return executor.execute(
        id,
        id,
        tenant -> tenant.create(tenantId, name),
        tx -> keys.create(tx, id).chain(() -> found(tx, id)));
  }

  public Uni<TenantView> suspend(String tenantId) {
    return execute(tenantId, Tenant::suspend);
  }

  /** A tenant's erasure: when its key was destroyed. */
  public record Erasure(String tenantId, OffsetDateTime erasedAt) {}

  /**
   * Erases a suspended tenant (ADR 7), in one transaction: its own key and its users' data keys are
   * destroyed, its people and imports deleted, {@code TenantErased} appended. A second call changes
   * nothing and answers the first time.
   */
  public Uni<Erasure> erase(String tenantId, String erasedBy) {
    return executor.execute(
        tenantId,
        tenantId,
        tenant -> tenant.erase(erasedBy),
        tx ->
            dataKeys
                .eraseTenant(tx, tenantId)
                .chain(() -> rows.delete(tx, tenantId))
                .chain(() -> keys.erase(tx, tenantId))
                .map(erasedAt -> new Erasure(tenantId, erasedAt)));
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
    return executor.execute(tenantId, tenantId, decide, tx -> found(tx, tenantId));
  }

  private Uni<TenantView> found(SqlClient tx, String tenantId) {
    return tenants
        .find(tx, tenantId)
        .map(view -> view.orElseThrow(() -> DomainException.notFound("tenant")));
  }
}
