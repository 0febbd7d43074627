package io.lanyard.device.infra;

import io.lanyard.device.model.LoginModel;
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
  LoginModel loginModel() {
    return new LoginModel();
  }

  @Produces
  @Singleton
  ActiveTenants activeTenants(LoginModel model) {
    return tenantId -> Uni.createFrom().item(model.tenantActive(tenantId));
  }
}
