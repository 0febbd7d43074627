package io.lanyard.identity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lanyard.kernel.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTest {

  static final TenantEvent.Created ACME = new TenantEvent.Created("acme", "Acme Corp");

  @Test
  void aTenantIsCreatedOnceWithASlugAndAName() {
    assertEquals(List.of(ACME), Tenant.NONE.create("acme", " Acme Corp "));
    assertEquals(
        "tenant_exists",
        assertThrows(
                DomainException.class, () -> Tenant.fold(List.of(ACME)).create("acme", "Again"))
            .code());
    assertEquals(
        "invalid_id",
        assertThrows(DomainException.class, () -> Tenant.NONE.create("Acme Corp", "x")).code());
    assertEquals(
        "invalid_name",
        assertThrows(DomainException.class, () -> Tenant.NONE.create("acme", "")).code());
  }

  @Test
  void suspendingIsRecordedOnceAndAnUnknownTenantIsNotFound() {
    Tenant acme = Tenant.fold(List.of(ACME));
    assertEquals(List.of(new TenantEvent.Suspended("acme")), acme.suspend());
    assertEquals(List.of(), acme.evolve(new TenantEvent.Suspended("acme")).suspend());
    assertThrows(DomainException.class, Tenant.NONE::suspend);
  }
}
