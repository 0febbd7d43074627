package io.lanyard.identity.infra;

import io.lanyard.runtime.sql.TenantRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What identity-service holds of a tenant besides its events, deleted in the tenant's erasing
 * transaction (ADR 7): its users (the people, in clear), its imports with their staged lines and
 * results. The tenant's row stays, {@code erased}, so its id is never taken again; the key rows
 * stay without keys, as the fact of the erasure.
 */
@ApplicationScoped
public class ErasedTenantRows extends TenantRows {

  ErasedTenantRows() {
    super(
        List.of(
            "DELETE FROM user_import_results WHERE import_id IN"
                + " (SELECT id FROM user_imports WHERE tenant_id = $1)",
            "DELETE FROM user_import_handovers WHERE tenant_id = $1",
            "DELETE FROM user_import_lines WHERE tenant_id = $1",
            "DELETE FROM user_imports WHERE tenant_id = $1",
            "DELETE FROM users WHERE tenant_id = $1"));
  }
}
