package io.lanyard.directory.infra;

import io.lanyard.runtime.sql.TenantRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every row directory-sync-service holds of a tenant, deleted when it applies {@code TenantErased}
 * (ADR 7): SCIM users and links, tokens, the Google connection (and its key), channels, synced
 * users, runs.
 */
@ApplicationScoped
public class ErasedTenantRows extends TenantRows {

  ErasedTenantRows() {
    super(
        List.of(
            "DELETE FROM scim_links WHERE user_id IN"
                + " (SELECT user_id FROM scim_users WHERE tenant_id = $1)",
            "DELETE FROM scim_users WHERE tenant_id = $1",
            "DELETE FROM scim_tokens WHERE tenant_id = $1",
            "DELETE FROM google_users WHERE tenant_id = $1",
            "DELETE FROM google_channels WHERE tenant_id = $1",
            "DELETE FROM google_connections WHERE tenant_id = $1",
            "DELETE FROM sync_runs WHERE tenant_id = $1",
            "DELETE FROM erased_users WHERE tenant_id = $1",
            "DELETE FROM known_tenants WHERE id = $1"));
  }
}
