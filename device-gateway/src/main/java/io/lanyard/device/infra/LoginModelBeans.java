package io.lanyard.device.infra;

import io.lanyard.device.model.CurrentLoginModel;
import io.lanyard.runtime.api.ActiveTenants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one login model of this replica, and what the admin API learns of tenants from it. */
@ApplicationScoped
public class LoginModelBeans {

  @Produces
  @Singleton
  CurrentLoginModel loginModel() {
    return new CurrentLoginModel();
  }

  @Produces
  @Singleton
  ActiveTenants activeTenants(CurrentLoginModel model) {
    return tenantId -> Uni.createFrom().item(model.get().tenantActive(tenantId));
  }
}
