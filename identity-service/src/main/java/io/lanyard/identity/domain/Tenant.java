package io.lanyard.identity.domain;

import io.lanyard.kernel.DomainException;
import io.lanyard.kernel.TenantIds;
import java.util.List;

/** A tenant as its events make it, and the decisions it takes. */
public record Tenant(String id, String name, boolean exists, boolean suspended) {

  public static final Tenant NONE = new Tenant(null, null, false, false);

  public static String checkedId(String id) {
    if (!TenantIds.valid(id)) {
      throw DomainException.invalidField("id", TenantIds.RULE);
    }
    return id;
  }

  public Tenant evolve(TenantEvent event) {
    if (event instanceof TenantEvent.Created e) {
      return new Tenant(e.tenantId(), e.name(), true, false);
    }
    return new Tenant(id, name, exists, true);
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
    if (!exists) {
      throw DomainException.notFound("tenant");
    }
    return suspended ? List.of() : List.of(new TenantEvent.Suspended(id));
  }
}
