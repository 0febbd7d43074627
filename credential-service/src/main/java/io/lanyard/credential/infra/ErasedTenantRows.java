package io.lanyard.credential.infra;

import io.lanyard.runtime.sql.TenantRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Every row credential-service holds of a tenant, deleted when it applies {@code TenantErased} (ADR
 * 7): its people, their codes and cards (hashes and ciphertexts under the tenant's destroyed key),
 * sign-in links, policy, jobs. Its event streams stay, opening to nothing without the key.
 */
@ApplicationScoped
public class ErasedTenantRows extends TenantRows {

  ErasedTenantRows() {
    super(
        List.of(
            "DELETE FROM guest_windows_seen WHERE user_id IN"
                + " (SELECT id FROM known_users WHERE tenant_id = $1)",
            "DELETE FROM credential_job_results WHERE job_id IN"
                + " (SELECT id FROM credential_jobs WHERE tenant_id = $1)",
            "DELETE FROM credential_job_users WHERE job_id IN"
                + " (SELECT id FROM credential_jobs WHERE tenant_id = $1)",
            "DELETE FROM credential_jobs WHERE tenant_id = $1",
            "DELETE FROM access_codes WHERE tenant_id = $1",
            "DELETE FROM cards WHERE tenant_id = $1",
            "DELETE FROM policies WHERE tenant_id = $1",
            "DELETE FROM person_links WHERE tenant_id = $1",
            "DELETE FROM erased_users WHERE tenant_id = $1",
            "DELETE FROM known_users WHERE tenant_id = $1",
            "DELETE FROM known_tenants WHERE id = $1"));
  }
}
