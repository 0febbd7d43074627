package io.lanyard.notification.infra;

import io.lanyard.runtime.sql.TenantRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every row notification-service holds of a tenant, deleted when it applies {@code TenantErased}
 * (ADR 7): recipients with their codes and cards, the delivery log, mail settings, policies.
 */
@ApplicationScoped
public class ErasedTenantRows extends TenantRows {

  ErasedTenantRows() {
    super(
        List.of(
            "DELETE FROM recipient_cards WHERE user_id IN"
                + " (SELECT user_id FROM recipients WHERE tenant_id = $1)",
            "DELETE FROM recipient_codes WHERE tenant_id = $1",
            "DELETE FROM mails WHERE tenant_id = $1",
            "DELETE FROM recipients WHERE tenant_id = $1",
            "DELETE FROM mail_settings WHERE tenant_id = $1",
            "DELETE FROM code_policies WHERE tenant_id = $1",
            "DELETE FROM erased_users WHERE tenant_id = $1",
            "DELETE FROM tenants WHERE id = $1"));
  }
}
