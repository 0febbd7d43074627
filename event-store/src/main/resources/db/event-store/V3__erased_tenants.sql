-- Issue 23: tenants whose exit this service's consumers applied (identity's TenantErased). No
-- consumer applies an event of theirs again, live or in a rebuild: a replay of the topics, which
-- still hold the tenant's events, ends where the erasure left the projections. Written by the
-- consumer that applies TenantErased, in the same transaction as the handler's deletions.
CREATE TABLE erased_tenants (
  tenant_id text PRIMARY KEY,
  erased_at timestamptz NOT NULL
);
