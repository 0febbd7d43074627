package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.TenantIds;
import java.util.List;

/** A tenant as its events make it, and the decisions it takes. */
public record Tenant(
    String id,
    String name,
    boolean exists,
    boolean suspended,
    boolean erased,
    TenantSettings settings) {

  public static final Tenant NONE =
      new Tenant(null, null, false, false, false, TenantSettings.DEFAULT);

  public static String checkedId(String id) {
    if (!TenantIds.valid(id)) {
      throw DomainException.invalidField("id", TenantIds.RULE);
    }
    return id;
  }

  public Tenant evolve(TenantEvent event) {
    if (event instanceof TenantEvent.Created e) {
      return new Tenant(e.tenantId(), e.name(), true, false, false, TenantSettings.DEFAULT);
    }
    if (event instanceof TenantEvent.SettingsChanged e) {
      return new Tenant(id, name, exists, suspended, erased, e.settings());
    }
    if (event instanceof TenantEvent.Erased) {
      return new Tenant(id, name, exists, true, true, settings);
    }
    return new Tenant(id, name, exists, true, erased, settings);
  }

  public static Tenant fold(List<TenantEvent> events) {
    Tenant tenant = NONE;
    for (TenantEvent event : events) {
      tenant = tenant.evolve(event);
    }
    return tenant;
  }

  public List<TenantEvent> create(String tenantId, String tenantName) {
    checkedId(tenantId);
    if (tenantName == null || tenantName.isBlank() || tenantName.strip().length() > 200) {
      throw DomainException.invalidField("name", "is required, at most 200 characters");
    }
    if (exists) {
      throw DomainException.conflict("tenant_exists", "tenant " + tenantId + " exists already");
    }
    return List.of(new TenantEvent.Created(tenantId, tenantName.strip()));
  }

  public List<TenantEvent> suspend() {
    requireExists();
    return suspended ? List.of() : List.of(new TenantEvent.Suspended(id));
  }

  /**
   * The tenant's exit (ADR 7): only a suspended tenant (its people can no longer sign in, its
   * printers no longer log anyone in), so that nothing is written for it while its keys go. Once
   * erased, asking again changes nothing.
   */
  public List<TenantEvent> erase(String erasedBy) {
    requireExists();
    if (erased) {
      return List.of();
    }
    if (!suspended) {
      throw DomainException.conflict(
          "tenant_not_suspended", "tenant " + id + " is active: suspend it first");
    }
    return List.of(new TenantEvent.Erased(id, erasedBy));
  }

  /** New settings are an event; the same settings again change nothing. */
  public List<TenantEvent> changeSettings(TenantSettings wanted, String changedBy) {
    requireExists();
    requireNotErased();
    return settings.equals(wanted)
        ? List.of()
        : List.of(new TenantEvent.SettingsChanged(id, wanted, changedBy));
  }

  private void requireExists() {
    if (!exists) {
      throw DomainException.notFound("tenant");
    }
  }

  private void requireNotErased() {
    if (erased) {
      throw DomainException.notFound("tenant");
    }
  }
}
