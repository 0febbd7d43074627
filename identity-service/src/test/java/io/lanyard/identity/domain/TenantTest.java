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

  @Test
  void settingsChangeOnTheTenantsStreamOnceAndStartAtTheDefaults() {
    Tenant acme = Tenant.fold(List.of(ACME));
    assertEquals(TenantSettings.DEFAULT, acme.settings());
    TenantEvent.SettingsChanged changed =
        new TenantEvent.SettingsChanged("acme", new TenantSettings(7), "admin-1");
    assertEquals(List.of(changed), acme.changeSettings(new TenantSettings(7), "admin-1"));
    Tenant after = acme.evolve(changed);
    assertEquals(7, after.settings().guestRetentionDays());
    assertEquals(List.of(), after.changeSettings(new TenantSettings(7), "admin-2"));
    assertEquals(List.of(), acme.changeSettings(TenantSettings.DEFAULT, "admin-1"));
    assertEquals(false, after.evolve(changed).suspended());
    assertThrows(
        DomainException.class, () -> Tenant.NONE.changeSettings(new TenantSettings(7), "admin-1"));
  }
}
